"""The frozen copy of an innovation that judges see, and its blind version.

An entry stores the published innovation as plain JSON at submission, so a
later edit never changes what was judged. In a blind round the entrant's
agency, region, unit and people are removed, and their names are blanked out
of every text the judge reads (a narrative often says "Pemkot Surakarta ...").
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from registry.innovations.models import NARRATIVE_SECTIONS, Innovation

IDENTITY_KEYS = ("agency", "agency_short", "unit_name", "province", "regency", "contact_name", "contact_email", "contact_phone", "people")
TEXT_KEYS = ("title", "summary", "product")
REGION_PREFIXES = ("Kabupaten ", "Kota ", "Kab. ", "Provinsi ")


def freeze(innovation: Innovation, *, people: list[str] | None = None) -> dict:
    """Plain JSON of the innovation's live (published) version."""
    agency = innovation.agency
    return {
        "innovation_id": innovation.pk,
        "slug": innovation.slug,
        "revision_id": innovation.live_revision_id,
        "frozen_at": timezone.now().isoformat(),
        "title": innovation.title,
        "summary": innovation.summary,
        "product": innovation.product,
        "kind": str(innovation.get_kind_display()) if innovation.kind else "",
        "form": str(innovation.get_form_display()) if innovation.form else "",
        "stage": str(innovation.get_stage_display()),
        # Codes beside the labels, so every reader sees the labels in their own language.
        "kind_code": innovation.kind or "",
        "form_code": innovation.form or "",
        "stage_code": innovation.stage or "",
        "is_digital": innovation.is_digital,
        "year_started": innovation.year_started,
        "year_implemented": innovation.year_implemented,
        "implemented_on": innovation.implemented_on.isoformat() if innovation.implemented_on else None,
        "sectors": [sector.name for sector in innovation.sectors.all()],
        "sdgs": [str(sdg) for sdg in innovation.sdgs.all()],
        "narrative": [
            {"key": name, "label": str(Innovation._meta.get_field(name).verbose_name), "text": getattr(innovation, name)}
            for name in NARRATIVE_SECTIONS
            if getattr(innovation, name)
        ],
        "indicators": [
            {
                "name": row.name,
                "unit": row.unit,
                "baseline": str(row.baseline) if row.baseline is not None else None,
                "baseline_year": row.baseline_year,
                "value": str(row.value) if row.value is not None else None,
                "year": row.year,
                "note": row.note,
            }
            for row in innovation.indicators.all()
        ],
        "video_url": innovation.video_url,
        "documents": [{"title": str(doc), "url": doc.document.url} for doc in innovation.documents.all()],
        # Identity: hidden in blind rounds.
        "agency": agency.name,
        "agency_short": agency.short_name,
        "unit_name": innovation.unit_name,
        "province": innovation.province.name if innovation.province_id else "",
        "regency": innovation.regency.name if innovation.regency_id else "",
        "contact_name": innovation.contact_name,
        "contact_email": innovation.contact_email,
        "contact_phone": innovation.contact_phone,
        "people": [name for name in (people or []) if name],
    }


def identity_terms(snapshot: dict) -> list[str]:
    """Every name that identifies the entrant, longest first (so "Kota Surakarta" goes before "Surakarta")."""
    terms = set()
    for key in IDENTITY_KEYS:
        values = snapshot.get(key) or []
        for value in values if isinstance(values, list) else [values]:
            value = (value or "").strip()
            if len(value) >= 3:
                terms.add(value)
                for prefix in REGION_PREFIXES:
                    if value.startswith(prefix) and len(value) - len(prefix) >= 3:
                        terms.add(value[len(prefix) :])
    return sorted(terms, key=len, reverse=True)


def redact(text: str, terms: list[str]) -> str:
    if not text or not terms:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\b", re.IGNORECASE)
    return pattern.sub(_("[disamarkan]"), text)


def localized(snapshot: dict) -> dict:
    """The snapshot with its choice and section labels in the reader's language.

    The labels stored at submission are in the submitter's language; snapshots
    older than the stored codes keep them.
    """
    view = dict(snapshot)
    for key, field in (("kind", "kind"), ("form", "form"), ("stage", "stage")):
        code = snapshot.get(f"{key}_code")
        if code:
            choices = dict(Innovation._meta.get_field(field).flatchoices)
            view[key] = str(choices.get(code, snapshot.get(key, "")))
    sections = set(NARRATIVE_SECTIONS)
    view["narrative"] = [
        {**section, "label": str(Innovation._meta.get_field(section["key"]).verbose_name)}
        if section.get("key") in sections
        else section
        for section in snapshot.get("narrative", [])
    ]
    return view


def for_judge(snapshot: dict, *, blind: bool) -> dict:
    """What a judge may read. Blind: identity removed and blanked out of every text."""
    snapshot = localized(snapshot)
    if not blind:
        return {**snapshot, "blind": False}
    terms = identity_terms(snapshot)
    view = {key: value for key, value in snapshot.items() if key not in IDENTITY_KEYS}
    for key in TEXT_KEYS:
        view[key] = redact(snapshot.get(key, ""), terms)
    view["narrative"] = [{**section, "text": redact(section["text"], terms)} for section in snapshot.get("narrative", [])]
    view["indicators"] = [
        {**row, "name": redact(row.get("name", ""), terms), "note": redact(row.get("note", ""), terms)}
        for row in snapshot.get("indicators", [])
    ]
    view["documents"] = []  # attachments carry letterheads and signatures
    view["video_url"] = ""
    view["slug"] = ""
    view["innovation_id"] = view["revision_id"] = None  # the catalog page would name the agency
    view["blind"] = True
    return view
