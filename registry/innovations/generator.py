"""Scale data: many realistic published innovations recombined from the 200 real ones.

`innovations_generate(count=N, seed=S)` writes innovations `gen:<S>:<i>` for i < N:
titles are real title patterns placed in a region, the narrative sections are
sentences and list items drawn from the same column of real innovations (place
names swapped for the generated region), sectors and SDGs come from the real
innovation that gave the title. Regions go round a seeded shuffle of all 514
kab/kota and 38 provinces, so every region is used once N ≥ 552.

Deterministic: row i depends only on (S, i), so the same seed gives the same rows
and a larger N extends a smaller one. Re-running skips the external ids that exist.
Fast: no per-row saves or revisions (a generated innovation has no history until
someone edits it); rows, M2M links and indicators are bulk-inserted per batch,
and `innovations_bulk_changed` is sent with each batch's ids after it commits.
"""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from registry.agencies.models import Agency, AgencyType
from registry.core.text import clean_plain_text
from registry.innovations import signals
from registry.innovations.agency_names import AgencyResolver, RegionIndex
from registry.innovations.classifier import form_for
from registry.innovations.lan_import import KINDS, describe_row, read_rows
from registry.innovations.models import (
    Innovation,
    InnovationKind,
    LifecycleStage,
    ModerationStatus,
    OutcomeIndicator,
    Sdg,
    Sector,
)
from registry.innovations.text_tools import (
    list_items,
    split_sentences,
    summary_from,
)

BATCH_SIZE = 2000
FULL_PLACE, SHORT_PLACE = "\x00", "\x01"  # placeholders for the region in borrowed text
TITLE_PATTERNS = [
    ("{core} {place}", 5),
    ("{core} di {place}", 3),
    ("{core}", 2),
    ("Optimalisasi {core} {place}", 1),
    ("Penguatan {core} di {place}", 1),
    ("Pengembangan {core} {place}", 1),
]
STAGES = [(LifecycleStage.PENERAPAN, 65), (LifecycleStage.UJI_COBA, 25), (LifecycleStage.INISIATIF, 10)]
FIRST_YEAR, LAST_YEAR = 2008, 2024
# (name, unit, baseline range, how the value moves): how an innovation shows its effect.
INDICATORS = [
    ("Waktu penyelesaian layanan", "hari", (5, 21), lambda b, r: max(1, round(b * r.uniform(0.1, 0.5)))),
    ("Indeks kepuasan masyarakat", "%", (55, 75), lambda b, r: min(98, b + r.randint(5, 20))),
    ("Jumlah warga yang terlayani", "orang", (200, 5000), lambda b, r: round(b * r.uniform(1.3, 4))),
    ("Cakupan layanan", "%", (25, 70), lambda b, r: min(100, b + r.randint(8, 30))),
    ("Jumlah pengaduan", "pengaduan/bulan", (40, 400), lambda b, r: round(b * r.uniform(0.2, 0.7))),
]
SECTIONS = {
    # section: (source column, split into list items?, how many to draw from the theme, from the pool)
    "problem": ("deskripsi", False, (2, 3), (1, 2)),
    "results": ("manfaat", True, (1, 2), (1, 2)),
    "implementation_steps": ("tahapan_proses", True, (2, 3), (1, 2)),
    "replication_prerequisites": ("prasyarat_replikasi", True, (1, 2), (0, 1)),
    "enabling_factors": ("faktor_pendorong", True, (0, 2), (0, 1)),
    "hindering_factors": ("faktor_penghambat", True, (0, 2), (0, 1)),
}
# Generated innovations belong to a pemda, so only pemda innovations serve as themes
# (a ministry's passport office or a BUMN's product would not fit a kabupaten).
THEME_AGENCY_TYPES = {AgencyType.PEMKOT, AgencyType.PEMKAB, AgencyType.PEMPROV}
ANY_SECTOR = "*"


@dataclass
class Theme:
    """One real innovation, reduced to what can be placed anywhere."""

    core: str
    product: str
    unit_name: str
    kind: str
    sectors: tuple[str, ...]
    sdgs: tuple[int, ...]
    is_digital: bool
    texts: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Corpus:
    themes: list[Theme]
    pools: dict[str, dict[str, list[str]]]  # primary sector → section → sentences


@dataclass(frozen=True)
class GenerateResult:
    created: int
    skipped: int
    innovation_ids: list[int]


def _place_patterns(regions: RegionIndex, code: str | None) -> list[tuple[re.Pattern, str]]:
    if not code:
        return []
    full = regions.regencies[code][0] if "." in code else f"Provinsi {regions.provinces[code]}"
    short = re.sub(r"^(Kabupaten|Kota|Provinsi)\s+", "", full)
    return [
        (re.compile(rf"\b{re.escape(full)}\b", re.IGNORECASE), FULL_PLACE),
        (re.compile(rf"\b(?:(?:kab\.?|kabupaten|kota|provinsi|prov\.)\s+)?{re.escape(short)}\b", re.IGNORECASE), SHORT_PLACE),
    ]


def _with_placeholders(text: str, patterns) -> str:
    for pattern, placeholder in patterns:
        text = pattern.sub(placeholder, text)
    return text


def _fill(text: str, full: str, short: str) -> str:
    return text.replace(FULL_PLACE, full).replace(SHORT_PLACE, short)


def _strip_place(title: str, patterns) -> str:
    for pattern, _placeholder in patterns:
        title = pattern.sub("", title)
    title = re.sub(r"\s+(di|Di|DI)\s*$", "", title.strip(" -,:"))
    return re.sub(r"\s{2,}", " ", title).strip(" -,:") or title


def build_corpus(regions: RegionIndex) -> Corpus:
    rows = read_rows()
    resolver = AgencyResolver(regions, rows)
    themes, pools = [], {}
    for row in rows:
        agency = resolver.resolve(row)
        if agency.type not in THEME_AGENCY_TYPES:
            continue
        places = _place_patterns(regions, row["region_code"].strip() or agency.regency_code or agency.province_code)
        title, plain, classification = describe_row(row)
        texts = {}
        for section, (_column, is_list, _own, _pool) in SECTIONS.items():
            text = _with_placeholders(plain[section], places)
            parts = list_items(text) if is_list else split_sentences(text)
            texts[section] = [p[:1].upper() + p[1:] for p in parts if 3 <= len(p.split()) <= 80]
        theme = Theme(
            core=_strip_place(title, places)[:150],
            product=_with_placeholders(clean_plain_text(row["produk_inovasi"])[:300], places),
            unit_name=_with_placeholders(clean_plain_text(row["unit_instansi"]).lstrip(": ")[:200], places),
            kind=KINDS.get(row["jenis_inovasi"].strip(), InnovationKind.METODE),
            sectors=classification.sectors,
            sdgs=classification.sdgs,
            is_digital=classification.is_digital,
            texts=texts,
        )
        themes.append(theme)
        for section, parts in texts.items():
            pools.setdefault(theme.sectors[0], {}).setdefault(section, []).extend(parts)
            pools.setdefault(ANY_SECTOR, {}).setdefault(section, []).extend(parts)
    return Corpus(themes, pools)


def _cumulative(choices) -> tuple[list, list[int]]:
    values, totals, total = [], [], 0
    for value, weight in choices:
        total += weight
        values.append(value)
        totals.append(total)
    return values, totals


_TITLE_PATTERNS, _TITLE_WEIGHTS = _cumulative(TITLE_PATTERNS)
_STAGES, _STAGE_WEIGHTS = _cumulative(STAGES)


def _weighted(rng: random.Random, values: list, cumulative_weights: list[int]):
    return rng.choices(values, cum_weights=cumulative_weights)[0]


class InnovationBuilder:
    """Builds the unsaved rows of generated innovation i (depends only on seed and i)."""

    def __init__(self, *, seed: int, corpus: Corpus, regions: RegionIndex, agency_ids: dict[str, int]):
        self.seed, self.corpus, self.regions, self.agency_ids = seed, corpus, regions, agency_ids
        self.region_order = sorted(regions.regencies) + sorted(regions.provinces)
        random.Random(f"regions:{seed}").shuffle(self.region_order)
        self.sector_ids = dict(Sector.objects.values_list("code", "pk"))
        self.sdg_ids = dict(Sdg.objects.values_list("number", "pk"))
        self.now = timezone.now()

    def _place(self, code: str) -> tuple[str, str]:
        if "." in code:
            full = self.regions.regencies[code][0]
            return full, re.sub(r"^(Kabupaten|Kota)\s+", "", full)
        name = self.regions.provinces[code]
        return f"Provinsi {name}", name

    def _section(self, rng: random.Random, theme: Theme, section: str, full: str, short: str) -> str:
        _column, is_list, (own_min, own_max), (pool_min, pool_max) = SECTIONS[section]
        own = theme.texts.get(section, [])
        parts = own[: rng.randint(own_min, own_max)]
        pool = self.corpus.pools.get(theme.sectors[0], {}).get(section) or self.corpus.pools[ANY_SECTOR][section]
        parts += [rng.choice(pool) for _ in range(rng.randint(pool_min, pool_max))]
        if not parts and pool_min:
            parts = [rng.choice(self.corpus.pools[ANY_SECTOR][section])]
        return _fill(("\n" if is_list else " ").join(dict.fromkeys(parts)), full, short)

    def build(self, i: int) -> tuple[Innovation, list[int], list[int], list[OutcomeIndicator]]:
        rng = random.Random(f"{self.seed}:{i}")
        region = self.region_order[i % len(self.region_order)]
        full, short = self._place(region)
        theme = rng.choice(self.corpus.themes)
        title = _weighted(rng, _TITLE_PATTERNS, _TITLE_WEIGHTS).format(core=theme.core, place=full)[:255]
        sectors = list(theme.sectors)
        if rng.random() < 0.25:
            sectors.append(rng.choice(list(self.sector_ids)))
        sdgs = list(theme.sdgs)
        if rng.random() < 0.2:
            sdgs.append(rng.randint(1, 17))
        stage = _weighted(rng, _STAGES, _STAGE_WEIGHTS)
        started = rng.randint(FIRST_YEAR, LAST_YEAR)
        implemented = None if stage == LifecycleStage.INISIATIF else min(LAST_YEAR, started + rng.choice([0, 0, 1, 1, 2]))
        # Registered once it runs (the registry's data starts in 2015, like LAN's directory).
        published = datetime(max(implemented or started, 2015), 1, 1, tzinfo=UTC) + timedelta(
            days=rng.randint(0, 364), minutes=rng.randint(0, 1439)
        )
        published = min(published, self.now)
        texts = {section: self._section(rng, theme, section, full, short) for section in SECTIONS}
        pemda = self.regions.pemda(region)
        innovation = _new_innovation(
            title=title,
            slug=f"{slugify(title)[:200].strip('-')}-g{self.seed}-{i}",
            summary=summary_from(texts["problem"]) or title,
            product=_fill(theme.product, full, short),
            agency_id=self.agency_ids[pemda.code],
            unit_name=_fill(theme.unit_name, full, short),
            province_id=pemda.province_code,
            regency_id=pemda.regency_code,
            form=form_for(sectors, agency_type=pemda.type),
            is_digital=theme.is_digital,
            kind=theme.kind if rng.random() < 0.6 else rng.choice(InnovationKind.values),
            stage=stage,
            year_started=started,
            year_implemented=implemented,
            **texts,
            external_id=f"gen:{self.seed}:{i}",
            source_note=f"Data sintetis untuk uji skala (generate_innovations, seed {self.seed}), disusun dari teks Direktori Inovasi Administrasi Negara LAN RI.",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            moderation_status=ModerationStatus.PUBLISHED,
        )
        indicators = []
        for order, (name, unit, (low, high), move) in enumerate(rng.sample(INDICATORS, k=rng.choice([0, 0, 1, 2]))):
            baseline = rng.randint(low, high)
            indicators.append(OutcomeIndicator(
                sort_order=order, name=name, unit=unit, baseline=Decimal(baseline), baseline_year=started,
                value=Decimal(move(baseline, rng)), year=implemented or started,
            ))
        sector_ids = [self.sector_ids[c] for c in dict.fromkeys(sectors) if c in self.sector_ids][:3]
        sdg_ids = [self.sdg_ids[n] for n in dict.fromkeys(sdgs) if n in self.sdg_ids][:3]
        return innovation, sector_ids, sdg_ids, indicators


def _new_innovation(**values) -> Innovation:
    """An unsaved Innovation, built without ClusterableModel.__init__.

    That constructor scans the model's child relations on every call to pick child
    objects out of the keyword arguments; none are passed here, and skipping the scan
    saves about a tenth of the generator's time at 100,000 rows.
    """
    innovation = Innovation.__new__(Innovation)
    models.Model.__init__(innovation, **values)
    return innovation


def ensure_pemda_agencies(regions: RegionIndex) -> dict[str, int]:
    """Every province's and kab/kota's government as an agency; returns {code: id}."""
    specs = [regions.pemda(code) for code in [*sorted(regions.provinces), *sorted(regions.regencies)]]
    existing = set(Agency.objects.filter(code__in=[s.code for s in specs]).values_list("code", flat=True))
    Agency.objects.bulk_create(
        [
            Agency(code=s.code, name=s.name, short_name=s.short_name, type=s.type, province_id=s.province_code, regency_id=s.regency_code)
            for s in specs
            if s.code not in existing
        ],
        batch_size=500,
    )
    return dict(Agency.objects.filter(code__in=[s.code for s in specs]).values_list("code", "pk"))


def _write_batch(batch) -> list[int]:
    innovations = [row[0] for row in batch]
    with transaction.atomic():
        Innovation.objects.bulk_create(innovations, batch_size=500)
        sector_links, sdg_links, indicators = [], [], []
        for innovation, sector_ids, sdg_ids, rows in batch:
            sector_links += [Innovation.sectors.through(innovation_id=innovation.pk, sector_id=s) for s in sector_ids]
            sdg_links += [Innovation.sdgs.through(innovation_id=innovation.pk, sdg_id=s) for s in sdg_ids]
            for indicator in rows:
                indicator.innovation_id = innovation.pk
                indicators.append(indicator)
        Innovation.sectors.through.objects.bulk_create(sector_links, batch_size=1000)
        Innovation.sdgs.through.objects.bulk_create(sdg_links, batch_size=1000)
        OutcomeIndicator.objects.bulk_create(indicators, batch_size=500)
        ids = [i.pk for i in innovations]
        transaction.on_commit(lambda: signals.innovations_bulk_changed.send(Innovation, innovation_ids=ids))
    return ids


def innovations_generate(
    *, count: int, seed: int, batch_size: int = BATCH_SIZE, progress: Callable[[int], None] | None = None
) -> GenerateResult:
    """Create the missing innovations gen:<seed>:0 … gen:<seed>:<count-1>; see the module docstring."""
    if count < 0 or seed < 0:
        raise ValueError("count and seed must not be negative")
    regions = RegionIndex.from_database()
    builder = InnovationBuilder(seed=seed, corpus=build_corpus(regions), regions=regions, agency_ids=ensure_pemda_agencies(regions))
    prefix = f"gen:{seed}:"
    existing = set(Innovation.objects.filter(external_id__startswith=prefix).values_list("external_id", flat=True))
    created_ids, skipped, batch = [], 0, []
    for i in range(count):
        if f"{prefix}{i}" in existing:
            skipped += 1
        else:
            batch.append(builder.build(i))
        if len(batch) >= batch_size or (i == count - 1 and batch):
            created_ids += _write_batch(batch)
            if progress:
                progress(len(batch))
            batch = []
    if progress and skipped:
        progress(skipped)
    return GenerateResult(len(created_ids), skipped, created_ids)
