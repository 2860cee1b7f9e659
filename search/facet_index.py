"""Facet counts of the database backend, from bitsets kept in each process.

Counting eleven facets with SQL GROUP BYs over 60,000 matches costs the
database about a second; with bitsets it costs a few milliseconds. For every
facet value (province 33, sector kesehatan, year 2016, rating ≥ 4, ...) this
module keeps a Python int whose bit n is set when innovation n has that value.
A search asks the database only which innovations match its words (a bitset
too, see db_postgres.match_bits); filters and multi-select counts are then
ANDs and popcounts:

    results      = matches & every chosen filter
    facet counts = (matches & every chosen filter except this facet's) & value, for each value

The same pass keeps the ids in each stored sort order (newest, rating,
replications), so a sorted page is the first ids of that order that are in the
results, and the match bitsets of recent word queries (like Elasticsearch's
query cache of filter bitsets).

Everything is rebuilt when the index changes: every write to the index sets a
new random token in `registry_search_state` (same transaction), and a search
whose process holds bitsets of another token reloads them (the database groups
the ids by value and sorts the orders: for 100,000 innovations ~0.6 s of Python,
which holds the process's other threads, and ~1 s of PostgreSQL). Memory: about 1 bit per
innovation id per facet value plus the orders, ~20 MB per process for 100,000
innovations.
"""

import threading
import time
import uuid
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connections

from search.params import FACETS, RATING_THRESHOLDS, SearchParams

STATE_KEY = "index"
MEMBERSHIP_KEY = "membership"
# Word queries whose match bitsets are kept (each ≤ 1 bit per innovation id).
MATCH_CACHE_SIZE = 256
# Ranked queries whose title candidates and scores are kept (each ≤ a few thousand ids).
RANKED_CACHE_SIZE = 64
COLUMNS = {
    "province": "province_code",
    "regency": "regency_code",
    "agency_type": "agency_type",
    "kind": "kind",
    "stage": "stage",
    "year": "year_implemented",
    "digital": "is_digital",
    "has_replications": "has_replications",
}
BOOLEAN_FACETS = {"digital", "has_replications"}
# The stored orders (every sort but relevance); ties as the ranked SQL page breaks them.
# An unrated innovation sorts as rating -1: below every rated one.
ORDERS = {
    "newest": "published_at DESC, innovation_id DESC",
    "rating": "COALESCE(rating_bayesian, -1) DESC, review_count DESC, published_at DESC, innovation_id DESC",
    "replications": "replication_total DESC, COALESCE(rating_bayesian, -1) DESC, published_at DESC, innovation_id DESC",
}


def bitset(ids, size: int) -> int:
    bits = bytearray((size >> 3) + 1)
    for pk in ids:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


def bit_positions(bits: int) -> list[int]:
    """The positions of the set bits, ascending (used for at most a few thousand)."""
    positions = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            positions += [base + bit for bit in range(8) if byte >> bit & 1]
    return positions


_remembered_lock = threading.Lock()


def _remembered(store: OrderedDict, key, compute, size: int):
    """store[key], computed on first use; the least recently used key goes beyond `size`.

    The threads of a process share the store; computing (a query) happens outside the lock.
    """
    with _remembered_lock:
        if key in store:
            store.move_to_end(key)
            return store[key]
    value = compute()
    with _remembered_lock:
        store[key] = value
        if len(store) > size:
            store.popitem(last=False)
    return value


def _grouped_ids(cursor, vendor: str) -> list[tuple[str, object, list[int]]]:
    """(facet, raw value, innovation ids) for every facet value of the indexed innovations."""
    if vendor == "postgresql":
        aggregate, as_ids = "array_agg(innovation_id)", list
    else:
        aggregate, as_ids = "group_concat(innovation_id)", lambda text: [int(pk) for pk in text.split(",")]
    document = "registry_search_document"
    parts = [f"SELECT '{facet}', CAST({column} AS TEXT), {aggregate} FROM {document} GROUP BY {column}" for facet, column in COLUMNS.items()]
    parts.append(f"SELECT facet, value, {aggregate.replace('innovation_id', 'document_id')} FROM registry_search_value GROUP BY facet, value")
    cursor.execute(" UNION ALL ".join(parts))
    grouped = [(facet, raw, as_ids(members)) for facet, raw, members in cursor.fetchall()]
    # Rated innovations are few: their thresholds are cheaper here than in five more scans.
    cursor.execute(f"SELECT innovation_id, rating_bayesian FROM {document} WHERE rating_bayesian IS NOT NULL")
    rated = cursor.fetchall()
    for threshold in range(1, 6):
        grouped.append(("min_rating", str(threshold), [pk for pk, rating in rated if rating >= threshold]))
    return grouped


def index_changed(cursor, *, membership: bool = False) -> None:
    """Mark the index as changed; called inside every transaction that writes it.

    membership: innovations entered or left the index (a publication, an unpublication,
    a deletion, a rebuild). Processes reload at once for those, whatever
    SEARCH_REFRESH_SECONDS says, and the anonymous page cache keys on that token.
    """
    keys = [STATE_KEY, MEMBERSHIP_KEY] if membership else [STATE_KEY]
    for key in keys:
        cursor.execute(
            "INSERT INTO registry_search_state (key, token) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET token = excluded.token",
            [key, uuid.uuid4().hex],
        )


@dataclass
class FacetIndex:
    token: str | None
    universe: int  # every indexed innovation
    values: dict[str, dict[str, int]]
    # Innovation ids in the order of each sort but relevance (see ORDERS of db_filters),
    # and each id's place in that order (ranks[sort][id]).
    orders: dict[str, list[int]]
    ranks: dict[str, array]
    # Bitsets of recent word queries (like Elasticsearch's query cache), and for recent
    # ranked queries their title candidates and the scores computed so far: valid until
    # the next reload, which follows every write (or SEARCH_REFRESH_SECONDS after it).
    matches: OrderedDict = field(default_factory=OrderedDict)
    titles: OrderedDict = field(default_factory=OrderedDict)
    scores: OrderedDict = field(default_factory=OrderedDict)
    # The index's membership token when these bitsets were loaded, and when (time.monotonic()).
    membership: str | None = None
    loaded_at: float = 0.0

    @property
    def size(self) -> int:
        return self.universe.bit_count()

    @classmethod
    def load(cls, token: str | None, using: str) -> "FacetIndex":
        """The innovations of each facet value and each stored order, grouped and sorted by
        the database (a loop over every row in Python took most of a reload's second)."""
        with connections[using].cursor() as cursor:
            grouped = _grouped_ids(cursor, connections[using].vendor)
            orders = {}
            for sort, order_by in ORDERS.items():
                cursor.execute(f"SELECT innovation_id FROM registry_search_document ORDER BY {order_by}")
                orders[sort] = [row[0] for row in cursor.fetchall()]
        largest = max(orders["newest"], default=0)
        values: dict[str, dict[str, int]] = {facet.name: {} for facet in FACETS}
        for facet, raw, members in grouped:
            if raw is None or raw == "" or not members:
                continue
            value = ("true" if raw in ("true", "1") else "false") if facet in BOOLEAN_FACETS else str(raw)
            values[facet][value] = bitset(members, largest)
        ranks = {}
        for sort, order in orders.items():
            rank = array("i", [len(order)]) * (largest + 1)
            for place, pk in enumerate(order):
                rank[pk] = place
            ranks[sort] = rank
        return cls(token=token, universe=bitset(orders["newest"], largest), values=values, orders=orders, ranks=ranks)

    def page_in_order(self, results: int, sort: str, *, offset: int, limit: int) -> list[int]:
        """Ids of one page of these results in a stored order.

        Few results: sort them by their place in the order. Many: walk the order
        until the page is full (a twentieth of all innovations or more fill a page
        of 20 within a few hundred steps).
        """
        if results.bit_count() * 20 < len(self.orders[sort]):
            rank = self.ranks[sort]
            ids = [pk for pk in bit_positions(results) if pk < len(rank)]
            ids.sort(key=rank.__getitem__)
            return ids[offset : offset + limit]
        data = results.to_bytes((results.bit_length() + 7) // 8 or 1, "little")
        size, wanted, found = len(data), offset + limit, []
        for pk in self.orders[sort]:
            if (pk >> 3) < size and data[pk >> 3] >> (pk & 7) & 1:
                found.append(pk)
                if len(found) == wanted:
                    break
        return found[offset:]

    def cached_match(self, key: str, compute) -> int:
        return _remembered(self.matches, key, compute, MATCH_CACHE_SIZE)

    def cached_titles(self, key, compute) -> list[int]:
        return _remembered(self.titles, key, compute, RANKED_CACHE_SIZE)

    def cached_scores(self, key: str) -> dict[int, float]:
        """The scores of this ranking computed so far (the caller adds what it computes)."""
        return _remembered(self.scores, key, dict, RANKED_CACHE_SIZE)

    # --- Filters and counts -------------------------------------------------------------

    def _union(self, facet: str, chosen) -> int:
        bits = 0
        for value in chosen:
            bits |= self.values[facet].get(str(value), 0)
        return bits

    def masks(self, params: SearchParams) -> dict[str, int]:
        """Facet name → the innovations its chosen values allow."""
        masks = {}
        for facet, chosen in params.filters:
            if facet != "year":
                masks[facet] = self._union(facet, chosen)
        if params.active("year"):
            years = self.values["year"]
            allowed = set(years)
            if params.filter_map.get("year"):
                allowed &= set(params.filter_map["year"])
            if params.year_from is not None:
                allowed = {y for y in allowed if int(y) >= params.year_from}
            if params.year_to is not None:
                allowed = {y for y in allowed if int(y) <= params.year_to}
            masks["year"] = self._union("year", allowed)
        for facet in ("digital", "has_replications"):
            if getattr(params, facet) is not None:
                masks[facet] = self.values[facet].get("true" if getattr(params, facet) else "false", 0)
        if params.min_rating is not None:
            masks["min_rating"] = self.values["min_rating"].get(str(params.min_rating), 0)
        return masks

    def count(self, matches: int, params: SearchParams) -> tuple[int, dict[str, dict[str, int]]]:
        """(results bitset, raw facet counts) for these matches under the search's filters."""
        matches &= self.universe
        masks = self.masks(params)
        results = matches
        for mask in masks.values():
            results &= mask
        raw = {}
        for facet in FACETS:
            base = matches
            for name, mask in masks.items():
                if name != facet.name:
                    base &= mask
            values = self.values[facet.name]
            names = RATING_THRESHOLDS if facet.name == "min_rating" else values
            counts = {value: (base & values.get(value, 0)).bit_count() for value in names}
            raw[facet.name] = {value: count for value, count in counts.items() if count}
        return results, raw


_cache: dict[str, FacetIndex] = {}
_lock = threading.Lock()


def refresh_seconds() -> float:
    from django.conf import settings

    return float(getattr(settings, "SEARCH_REFRESH_SECONDS", 0))


def current(using: str = "default") -> FacetIndex:
    """The bitsets of the index as it is now (reloaded when another write changed it).

    With SEARCH_REFRESH_SECONDS > 0 (production; cms/ops load test, issue 8) a process
    reloads at most that often, like Elasticsearch's refresh interval: a reload costs
    1-3 s of CPU per process, and every review or publication changes the token, so
    reloading on each write starved the web processes under load. Between reloads, and
    while one thread reloads, searches answer from the bitsets the process has.
    """
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT key, token FROM registry_search_state WHERE key IN (%s, %s)", [STATE_KEY, MEMBERSHIP_KEY]
        )
        tokens = dict(cursor.fetchall())
    token, membership = tokens.get(STATE_KEY), tokens.get(MEMBERSHIP_KEY)
    cached = _cache.get(using)
    if cached is not None and cached.token == token:
        return cached
    interval = refresh_seconds()
    # Only changes within the indexed innovations (a rating, a replication count) wait for
    # the interval: a publication or unpublication shows in the next search.
    if cached is not None and interval > 0 and cached.membership == membership:
        if time.monotonic() - cached.loaded_at < interval or not _lock.acquire(blocking=False):
            return cached
        try:
            return _load(token, membership, using)
        finally:
            _lock.release()
    with _lock:
        cached = _cache.get(using)  # another thread may have loaded it meanwhile
        if cached is not None and cached.token == token:
            return cached
        return _load(token, membership, using)


def _load(token: str | None, membership: str | None, using: str) -> FacetIndex:
    """Load and keep the bitsets; the caller holds _lock."""
    index = FacetIndex.load(token, using)
    index.membership, index.loaded_at = membership, time.monotonic()
    _cache[using] = index
    return index
