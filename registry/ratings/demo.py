"""Demo peer reviews: eight reviewers from other regions rate a few dozen of the LAN innovations.

Run by `manage.py seed_demo` after registry.innovations.demo (DEMO_SEEDERS); idempotent:
an existing review is left as it is. Reviews go through the services (so the audit log,
the automatic flags and the aggregates are real), then are backdated over the past months.
One review is hidden by the ministry admin, and the Surakarta and Surabaya verifiers reply
to some reviews of their innovations. The demo accounts of registry.innovations.demo are
not used as reviewers, so they can still write their own reviews by hand.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone

from registry.agencies.models import Membership, MembershipRole
from registry.agencies.permissions import forget_cached_roles
from registry.innovations.agency_names import RegionIndex
from registry.innovations.demo import DEMO_PASSWORD
from registry.innovations.lan_import import ensure_agency
from registry.innovations.models import Innovation
from registry.ratings import rules, services
from registry.ratings.models import Review, ReviewStatus

# (username, first name, last name, kab/kota code of the pemda they work for)
REVIEWERS = [
    ("penilai.bandung", "Rina", "Kusumawati", "32.73"),
    ("penilai.makassar", "Andi", "Pratama", "73.71"),
    ("penilai.denpasar", "Made", "Wirawan", "51.71"),
    ("penilai.medan", "Siti", "Nasution", "12.71"),
    ("penilai.pontianak", "Hendra", "Wijaya", "61.71"),
    ("penilai.banyuwangi", "Yuli", "Astuti", "35.10"),
    ("penilai.kulonprogo", "Wahyu", "Nugroho", "34.01"),
    ("penilai.balikpapan", "Fitri", "Handayani", "64.71"),
]
HOME_AGENCIES = ["pemkot-33-72", "pemkot-35-78"]  # the agencies with demo verifiers, who reply
PER_HOME_AGENCY, OTHERS = 12, 12

TEXTS = {
    "high": [
        "Kami pelajari langsung saat kunjungan kerja; alurnya sederhana dan bisa diterapkan dengan anggaran yang ada.",
        "SOP dan formulirnya lengkap, sehingga tim kami bisa menyusun rencana adaptasi dalam dua minggu.",
        "Manfaatnya terasa bagi warga: waktu layanan turun drastis. Kuncinya ada pada dukungan kepala daerah.",
        "Sudah kami uji coba di dua kecamatan; hasilnya sejalan dengan yang dilaporkan.",
        "",
    ],
    "mid": [
        "Idenya bagus, tetapi butuh dukungan aplikasi yang belum tentu tersedia di daerah kami.",
        "Data indikator hasilnya perlu diperbarui; capaian terakhir yang tercantum sudah beberapa tahun lalu.",
        "Cocok untuk kota; kabupaten dengan wilayah luas perlu banyak penyesuaian jadwal dan petugas.",
        "",
    ],
    "low": [
        "Sulit direplikasi karena bergantung pada satu vendor aplikasi dan biaya lisensinya tidak dicantumkan.",
        "Dokumentasinya minim: tidak ada SOP atau rincian anggaran yang bisa kami pelajari.",
    ],
}
REPLIES = [
    "Terima kasih atas ulasannya. SOP terbaru dan contoh formulir sudah kami unggah; unit pelaksana siap mendampingi.",
    "Terima kasih. Data indikator tahun terakhir sedang kami perbarui dan akan segera tampil.",
    "Masukan yang baik. Untuk wilayah yang luas, kami sarankan memulai dari kecamatan dengan antrean terpanjang.",
]
# Reviews by agencies that registry.replication.demo makes replicate the innovation: the badge
# appears through the replication signal (or at once, when the project is already there).
IMPLEMENTER_REVIEWS = [
    ("penilai.denpasar", "pengelolaan-sampah-melalui-bank-sampah", {"usefulness": 5, "ease": 4, "documentation": 4},
     "Kami sudah menjalankannya di empat desa adat. Panduan pembukuan bank sampahnya sangat membantu; "
     "yang perlu disiapkan sendiri adalah mitra pengepul."),
    ("penilai.makassar", "surabaya-single-window-ssw", {"usefulness": 5, "ease": 3, "documentation": 4},
     "Sedang kami adaptasi untuk perizinan di Makassar; integrasi dengan sistem OSS perlu waktu lebih lama dari perkiraan."),
]
SPAM_TEXT = "Jasa pembuatan aplikasi layanan serupa, murah dan cepat: www.contoh-jasa-aplikasi.com"


def _reviewers():
    User = get_user_model()  # noqa: N806
    regions, cache, users = RegionIndex.from_database(), {}, []
    for username, first_name, last_name, region_code in REVIEWERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            # No e-mail address: seeding should not print a notice e-mail for every moderation.
            user = User(username=username, first_name=first_name, last_name=last_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
        agency = ensure_agency(regions.pemda(region_code), cache=cache)
        Membership.objects.get_or_create(
            user=user, agency=agency, defaults={"role": MembershipRole.VERIFIER, "is_verified": True}
        )
        forget_cached_roles(user)
        users.append(user)
    return users


def _innovations() -> list[Innovation]:
    live = Innovation.objects.published().select_related("agency").order_by("pk")
    chosen = []
    for code in HOME_AGENCIES:
        chosen += list(live.filter(agency__code=code)[:PER_HOME_AGENCY])
    chosen += list(live.exclude(agency__code__in=HOME_AGENCIES)[:OTHERS])
    return chosen


def _scores(rng: random.Random, quality: float) -> dict:
    return {
        name: min(5, max(1, round(rng.gauss(quality + shift, 0.7))))
        for name, shift in (("usefulness", 0.3), ("ease", -0.3), ("documentation", 0.0))
    }


def _text(rng: random.Random, scores: dict) -> str:
    mean = sum(scores.values()) / 3
    band = "high" if mean >= 3.7 else "mid" if mean >= 2.7 else "low"
    return rng.choice(TEXTS[band])


def seed(*, stdout) -> None:
    User = get_user_model()  # noqa: N806
    reviewers = _reviewers()
    moderator = User.objects.filter(username="kementerian").first()
    verifiers = {
        membership.agency.code: membership.user
        for membership in Membership.objects.filter(
            agency__code__in=HOME_AGENCIES, role=MembershipRole.VERIFIER, is_verified=True
        ).select_related("agency", "user")
    }
    innovations = _innovations()
    created = replies = 0
    # The daily limit guards against people; the seeder writes months of reviews at once.
    with override_settings(RATINGS_MAX_REVIEWS_PER_DAY=10**6):
        for innovation in innovations:
            rng = random.Random(f"ulasan-{innovation.slug}")
            quality = rng.uniform(2.4, 4.6)
            for reviewer in rng.sample(reviewers, rng.randint(2, 5)):
                if Review.objects.filter(innovation=innovation, reviewer=reviewer).exists():
                    continue
                if rules.review_refusal(reviewer, innovation):
                    continue
                scores = _scores(rng, quality)
                review = services.review_create(user=reviewer, innovation=innovation, scores=scores, text=_text(rng, scores))
                written = timezone.now() - timedelta(days=rng.randint(3, 240), hours=rng.randint(0, 23))
                Review.objects.filter(pk=review.pk).update(created_at=written, updated_at=written)
                created += 1
                verifier = verifiers.get(innovation.agency.code)
                if verifier is not None and review.text and rng.random() < 0.4:
                    services.review_reply(user=verifier, review=review, text=rng.choice(REPLIES))
                    replies += 1
        created += _seed_implementer_reviews(reviewers)
        hidden = _seed_hidden_review(innovations, reviewers, moderator)
    prior = services.rating_prior_refresh()
    stdout.write(
        f"peer reviews: {created} new on {len(innovations)} innovations, {replies} replies"
        f"{', 1 hidden' if hidden else ''}; Bayesian prior {prior.mean:.2f} (reviewers: "
        f"{', '.join(user.username for user in reviewers)}, password {DEMO_PASSWORD!r})"
    )


def _seed_implementer_reviews(reviewers) -> int:
    by_name, created = {user.username: user for user in reviewers}, 0
    for username, slug, scores, text in IMPLEMENTER_REVIEWS:
        reviewer = by_name[username]
        innovation = Innovation.objects.published().select_related("agency").filter(slug=slug).first()
        if innovation is None or Review.objects.filter(innovation=innovation, reviewer=reviewer).exists():
            continue
        if rules.review_refusal(reviewer, innovation):
            continue
        services.review_create(user=reviewer, innovation=innovation, scores=scores, text=text)
        created += 1
    return created


def _seed_hidden_review(innovations, reviewers, moderator) -> bool:
    """An advertisement posing as a review: flagged automatically for its link, hidden by the ministry."""
    spammer = reviewers[3]
    for innovation in reversed(innovations):
        if Review.objects.filter(reviewer=spammer, text=SPAM_TEXT).exists() or moderator is None:
            return False
        if Review.objects.filter(innovation=innovation, reviewer=spammer).exists() or rules.review_refusal(spammer, innovation):
            continue
        review = services.review_create(
            user=spammer, innovation=innovation, scores={"usefulness": 5, "ease": 5, "documentation": 5}, text=SPAM_TEXT
        )
        services.review_hide(user=moderator, review=review, reason="Promosi jasa komersial, bukan ulasan atas inovasi ini.")
        return Review.objects.filter(pk=review.pk, status=ReviewStatus.HIDDEN).exists()
    return False
