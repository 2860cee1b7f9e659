"""Import the 200 real innovations of LAN RI's Direktori Inovasi Administrasi Negara.

`lan_innovations_import()` upserts them by `external_id` ("lan:<source_id>") as
published innovations, each with one published revision so that the portal's
history works. Running it again changes nothing; a row that agency staff have
edited since (a later revision by a user) is left alone, so a re-seed never
overwrites their work. Column meanings: registry/innovations/data/README.md.
"""

import csv
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from registry.agencies.models import Agency
from registry.audit.services import audit_record
from registry.core.text import clean_plain_text
from registry.innovations import signals
from registry.innovations.agency_names import AgencyResolver, AgencySpec, RegionIndex
from registry.innovations.classifier import Classification, classify, form_for
from registry.innovations.models import (
    Innovation,
    InnovationKind,
    LifecycleStage,
    ModerationStatus,
    Sdg,
    Sector,
)
from registry.innovations.services import unique_slug
from registry.innovations.text_tools import readable_title, semicolons_to_lines, summary_from

CSV_PATH = Path(__file__).resolve().parent / "data" / "lan_direktori_inovasi_2018.csv"
EXTERNAL_PREFIX = "lan:"
SOURCE_TZ = ZoneInfo("Asia/Jakarta")
ATTRIBUTION = "LAN RI – Direktori Inovasi Administrasi Negara (via github.com/edison8301/inovasi-lan)"

KINDS = {
    "Proses": InnovationKind.PROSES,
    "Metode": InnovationKind.METODE,
    "Teknologi": InnovationKind.TEKNOLOGI,
    "Produk": InnovationKind.PRODUK,
    "Struktur Organisasi": InnovationKind.STRUKTUR,
    "Konseptual": InnovationKind.KONSEPTUAL,
    "Hubungan": InnovationKind.HUBUNGAN,
    "Sumber Daya Manusia": InnovationKind.SDM,
}
# Source column → narrative section; list-like columns ("A; B; C") become one item per line.
NARRATIVE_COLUMNS = {
    "problem": ("deskripsi", False),
    "results": ("manfaat", True),
    "implementation_steps": ("tahapan_proses", True),
    "replication_prerequisites": ("prasyarat_replikasi", True),
    "enabling_factors": ("faktor_pendorong", True),
    "hindering_factors": ("faktor_penghambat", True),
}
# Fields the import owns; comparing them decides whether a row changed.
IMPORTED_FIELDS = [
    "title", "summary", "product", "agency_id", "unit_name", "province_id", "regency_id", "form", "kind",
    "is_digital", "stage", "year_started", "year_implemented", *NARRATIVE_COLUMNS, "source_note",
    "first_published_at",
]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    kept_edited: int  # rows edited by agency staff since the import, left as they are


def read_rows(path: Path = CSV_PATH) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return sorted(csv.DictReader(handle), key=lambda row: int(row["source_id"]))


def _year(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _entered_at(rows: list[dict[str, str]]) -> dict[str, datetime]:
    """When each row entered the directory; a missing date takes the previous row's."""
    result, previous = {}, None
    for row in rows:
        raw = row["tanggal_input"].strip()
        if raw:
            previous = datetime.fromisoformat(raw).replace(tzinfo=SOURCE_TZ)
        result[row["source_id"]] = previous
    return result


def ensure_agency(spec: AgencySpec, *, resolver: AgencyResolver | None = None, cache: dict[str, Agency]) -> Agency:
    """Create the agency (and the ones above it) when missing; an existing one is left as curated."""
    if spec.code in cache:
        return cache[spec.code]
    parent = None
    if spec.parent_code:
        parents = resolver.parents(spec) if resolver else []
        for parent_spec in parents:
            parent = ensure_agency(parent_spec, resolver=resolver, cache=cache)
    agency = Agency.objects.filter(code=spec.code).first()
    if agency is None:
        agency = Agency.objects.create(
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            type=spec.type,
            province_id=spec.province_code,
            regency_id=spec.regency_code,
            parent=parent,
        )
    cache[spec.code] = agency
    return agency


def describe_row(row: dict[str, str]) -> tuple[str, dict[str, str], Classification]:
    """The readable title, the plain narrative texts and the classification of one source row."""
    text = {field: clean_plain_text(row[column]) for field, (column, _list) in NARRATIVE_COLUMNS.items()}
    context = " ".join([row["produk_inovasi"], *text.values()])
    title = readable_title(clean_plain_text(row["nama_inovasi"]), context=context)[:255]
    body = " ".join([row["produk_inovasi"], text["problem"], text["results"], text["implementation_steps"]])
    return title, text, classify(title, body)


def _values(row, *, agency: Agency, regions: RegionIndex, entered_at: datetime) -> tuple[dict, list[str], list[int]]:
    title, text, classification = describe_row(row)
    province_id, regency_id = regions.place_of(row["region_code"].strip())
    if not province_id:
        # No region in the source: the innovation sits where its agency does (a BUMD's kab/kota).
        province_id, regency_id = agency.province_id, agency.regency_id
    started, implemented = _year(row["tahun_inisiasi"]), _year(row["tahun_implementasi"])
    source = clean_plain_text(row["sumber"]).lstrip(": ")
    values = {
        "title": title,
        "summary": summary_from(text["problem"]),
        "product": clean_plain_text(row["produk_inovasi"])[:500],
        "agency_id": agency.pk,
        "unit_name": clean_plain_text(row["unit_instansi"]).lstrip(": ")[:255],
        "province_id": province_id,
        "regency_id": regency_id,
        "form": form_for(classification.sectors, agency_type=agency.type),
        "kind": KINDS.get(row["jenis_inovasi"].strip(), ""),
        "is_digital": classification.is_digital,
        "stage": LifecycleStage.PENERAPAN,
        "year_started": started,
        "year_implemented": implemented,
        **{
            field: semicolons_to_lines(text[field]) if is_list else text[field]
            for field, (_column, is_list) in NARRATIVE_COLUMNS.items()
        },
        "source_note": (
            f"{ATTRIBUTION}, entri #{row['source_id']}. Sumber kasus: {source or '-'}"
            f" (teknik validasi: {row['teknik_validasi'].strip() or '-'})."
        ),
        "first_published_at": entered_at,
    }
    return values, list(classification.sectors), list(classification.sdgs)


@contextmanager
def _quiet_wagtail_log():
    # Wagtail logs one "Edited: ..." line per saved revision; 200 of them hide the summary.
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _publish_initial_revision(innovation: Innovation, *, at: datetime) -> Revision:
    """Record the imported content as the published (live) revision, dated `at`."""
    with _quiet_wagtail_log():
        revision = innovation.save_revision(clean=False, changed=False)
    Revision.objects.filter(pk=revision.pk).update(created_at=at)
    Innovation.objects.filter(pk=innovation.pk).update(live_revision=revision, last_published_at=at)
    return revision


def _differs(innovation: Innovation, values: dict, sectors: list[str], sdgs: list[int]) -> bool:
    if any(getattr(innovation, field) != value for field, value in values.items()):
        return True
    current_sectors = sorted(s.code for s in innovation.sectors.all())
    current_sdgs = sorted(s.number for s in innovation.sdgs.all())
    return current_sectors != sorted(sectors) or current_sdgs != sorted(sdgs)


def _edited_by_people(innovations) -> set[int]:
    """Innovations that someone revised after the import (the import's revisions have no user)."""
    ids = [str(i.pk) for i in innovations]
    if not ids:
        return set()
    revised = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Innovation), object_id__in=ids, user__isnull=False
    )
    return {int(pk) for pk in revised.values_list("object_id", flat=True)}


@transaction.atomic
def lan_innovations_import(*, path: Path = CSV_PATH) -> ImportResult:
    rows = read_rows(path)
    regions = RegionIndex.from_database()
    resolver = AgencyResolver(regions, rows)
    entered = _entered_at(rows)
    sectors_by_code = {s.code: s for s in Sector.objects.all()}
    sdgs_by_number = {s.number: s for s in Sdg.objects.all()}
    existing = {
        i.external_id: i
        for i in Innovation.objects.filter(external_id__startswith=EXTERNAL_PREFIX).prefetch_related("sectors", "sdgs")
    }
    edited = _edited_by_people(existing.values())
    agencies: dict[str, Agency] = {}
    created = updated = unchanged = kept = 0
    changed_ids = []
    for row in rows:
        external_id = f"{EXTERNAL_PREFIX}{row['source_id']}"
        agency = ensure_agency(resolver.resolve(row), resolver=resolver, cache=agencies)
        values, sector_codes, sdg_numbers = _values(
            row, agency=agency, regions=regions, entered_at=entered[row["source_id"]]
        )
        innovation = existing.get(external_id)
        if innovation is not None and innovation.pk in edited:
            kept += 1
            continue
        if innovation is not None and not _differs(innovation, values, sector_codes, sdg_numbers):
            unchanged += 1
            continue
        if innovation is None:
            innovation = Innovation(
                external_id=external_id,
                slug=unique_slug(values["title"]),
                live=True,
                has_unpublished_changes=False,
                moderation_status=ModerationStatus.PUBLISHED,
            )
            created += 1
            action = "innovation.import"
        else:
            updated += 1
            action = "innovation.import_update"
        for field, value in values.items():
            setattr(innovation, field, value)
        innovation.sectors = [sectors_by_code[code] for code in sector_codes]
        innovation.sdgs = [sdgs_by_number[number] for number in sdg_numbers]
        innovation.save()
        # A new row's revision is dated when LAN entered it; a corrected one, now.
        published_at = values["first_published_at"] if action == "innovation.import" else timezone.now()
        revision = _publish_initial_revision(innovation, at=published_at)
        audit_record(actor=None, action=action, target=innovation, data={"external_id": external_id})
        # The portal's history reads publications from the audit log.
        audit_record(
            actor=None, action="innovation.publish", target=innovation, data={"revision": revision.pk, "via": action}
        )
        changed_ids.append(innovation.pk)
    if changed_ids:
        transaction.on_commit(
            lambda: signals.innovations_bulk_changed.send(Innovation, innovation_ids=list(changed_ids))
        )
    return ImportResult(created, updated, unchanged, kept)
