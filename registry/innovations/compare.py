"""What changed between two versions of an innovation, field by field.

A verifier approving an edit of a published innovation needs to see what the
public would see differently; this lists every field whose displayed value
differs, in the order of the form.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.innovations.models import NARRATIVE_SECTIONS, Innovation

# Fields compared as they are displayed, in the order of the portal form.
COMPARED_FIELDS = [
    "title",
    "summary",
    "product",
    "unit_name",
    "initiator",
    "form",
    "is_digital",
    "kind",
    "province",
    "regency",
    "stage",
    "year_started",
    "year_implemented",
    "implemented_on",
    *NARRATIVE_SECTIONS,
    "video_url",
    "contact_name",
    "contact_email",
    "contact_phone",
]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


def _display(innovation: Innovation, name: str) -> str:
    field = Innovation._meta.get_field(name)
    if field.choices:
        return str(getattr(innovation, f"get_{name}_display")())
    if field.is_relation:
        related_id = getattr(innovation, field.attname)
        if related_id is None:
            return ""
        return str(field.related_model._default_manager.filter(pk=related_id).first() or related_id)
    value = getattr(innovation, name)
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    return "" if value is None else str(value)


def _number(value) -> str:
    return "" if value is None else f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


def _indicator_lines(innovation: Innovation) -> str:
    lines = []
    for row in innovation.indicators.all():
        unit = f" {row.unit}" if row.unit else ""
        line = f"{row.name}: {_number(row.baseline) or '–'} → {_number(row.value) or '–'}{unit}"
        if row.year:
            line += f" ({row.year})"
        lines.append(line)
    return "\n".join(lines)


# Collections compared as one line per item; computed from the in-memory clusters.
COLLECTIONS = [
    ("sectors", gettext_lazy("sektor/urusan"), lambda i: "\n".join(sorted(str(s) for s in i.sectors.all()))),
    ("sdgs", gettext_lazy("TPB/SDG"), lambda i: "\n".join(str(s) for s in sorted(i.sdgs.all(), key=lambda s: s.number))),
    ("tags", gettext_lazy("label"), lambda i: ", ".join(sorted(t.name for t in i.tags.all()))),
    ("indicators", gettext_lazy("indikator hasil"), _indicator_lines),
    ("documents", gettext_lazy("dokumen"), lambda i: "\n".join(str(d) for d in i.documents.all())),
    ("images", gettext_lazy("gambar"), lambda i: "\n".join(str(m) for m in i.images.all())),
]


def innovation_changes(before: Innovation, after: Innovation) -> list[FieldChange]:
    changes = []
    for name in COMPARED_FIELDS:
        old, new = _display(before, name), _display(after, name)
        if old != new:
            label = str(Innovation._meta.get_field(name).verbose_name)
            changes.append(FieldChange(name, label, old, new))
    for name, label, render in COLLECTIONS:
        old, new = render(before), render(after)
        if old != new:
            changes.append(FieldChange(name, str(label), old, new))
    return changes
