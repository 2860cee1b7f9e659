"""Running a resource over a dataset and turning django-import-export's result into a report.

`run_resource_import(..., write=False)` is the dry run: every row is cleaned
and validated, nothing is written. With `write=True` the caller holds one
transaction; `ImportReport.ok` False means the caller must roll it back.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.results import RowResult

from registry.imports.catalog import resource_entry
from registry.imports.widgets import cell_text

# The spreadsheet row of the first data row (row 1 holds the column titles).
FIRST_DATA_ROW = 2
PREVIEW_LIMIT = 2000
# A file that is wrong throughout would otherwise store an error for every cell.
ERROR_LIMIT = 5000


@dataclass
class ImportReport:
    counts: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # [row, column, message, value]
    preview: list = field(default_factory=list)  # [row, type, key, label]
    written_ids: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_counts(self) -> dict:
        return {key: self.counts.get(key, 0) for key in ("new", "update", "skip", "invalid", "error")}


def build_resource(resource_name: str, **kwargs):
    return resource_entry(resource_name).resource_class(**kwargs)


def run_resource_import(*, resource_name, dataset, user, publish, allowed_agency_ids, write, progress=None) -> ImportReport:
    resource = build_resource(
        resource_name, user=user, publish=publish, allowed_agency_ids=allowed_agency_ids, write=write, progress=progress
    )
    problems = resource.header_problems(dataset.headers)
    if problems:
        raise ValidationError(problems)
    # Transactions are the caller's: the dry run writes nothing, the real run is one transaction.
    result = resource.import_data(dataset, dry_run=False, use_transactions=False, raise_errors=False)
    report = ImportReport()
    headers = dataset.headers
    for index, (values, row_result) in enumerate(zip(dataset, result.rows, strict=False)):
        number = index + FIRST_DATA_ROW
        row = dict(zip(headers, values, strict=True))
        kind = row_result.import_type
        report.counts[kind] = report.counts.get(kind, 0) + 1
        if len(report.preview) < PREVIEW_LIMIT or kind in (RowResult.IMPORT_TYPE_INVALID, RowResult.IMPORT_TYPE_ERROR):
            key = resource.key_of_row(row)
            report.preview.append([number, kind, resource.key_label(key) if key else "", resource.row_label(row)])
        if row_result.validation_error is not None:
            for attribute, messages in row_result.validation_error.message_dict.items():
                column = resource.column_of(attribute)
                for message in messages:
                    report.errors.append([number, column, message, cell_text(row.get(column))[:200]])
        for error in row_result.errors:
            report.errors.append([number, "", _("Kesalahan tak terduga: %(error)s") % {"error": error.error}, ""])
    for error in result.base_errors:
        report.errors.append([0, "", _("Kesalahan saat menulis: %(error)s") % {"error": error.error}, ""])
    if len(report.errors) > ERROR_LIMIT:
        hidden = len(report.errors) - ERROR_LIMIT
        report.errors = report.errors[:ERROR_LIMIT]
        report.errors.append([0, "", _("… dan %(count)d kesalahan lain tidak ditampilkan.") % {"count": hidden}, ""])
    report.written_ids = list(resource.written_ids)
    return report
