"""Stemming from several threads at once (gunicorn's gthread workers serve requests in threads)."""

from concurrent.futures import ThreadPoolExecutor

from search.analysis import stem

WORDS = [f"{prefix}{root}{suffix}" for prefix in ("pe", "me", "di", "ber", "ke") for root in (
    "layanan", "rizinan", "daftaran", "kesehatan", "didikan", "gelolaan", "bangunan", "catatan"
) for suffix in ("", "nya", "kah", "lah", "pun")]


def test_threads_stemming_at_once_get_the_same_stems_as_one_thread():
    uncached = stem.__wrapped__  # past the lru_cache, into the stemmer itself
    expected = [uncached(word) for word in WORDS]

    def run(_):
        return [uncached(word) for word in WORDS * 20]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, range(16)))
    assert all(result == expected * 20 for result in results)
