"""Reading an uploaded spreadsheet into a tablib Dataset, and writing one out.

A file is refused, with a message for the person who sent it, when it is not
XLSX, CSV or JSON, is empty, is larger than REGISTRY_IMPORT_MAX_BYTES or has
more than REGISTRY_IMPORT_MAX_ROWS rows.
"""

import csv
import datetime
import io
import json

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
DATA_SHEET_NAME = "Data"


def max_bytes() -> int:
    return getattr(settings, "REGISTRY_IMPORT_MAX_BYTES", 64 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "REGISTRY_IMPORT_MAX_ROWS", 50_000)


def format_of(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise ValidationError(
            _("Berkas \"%(name)s\" bukan lembar kerja yang didukung. Kirim berkas XLSX, CSV, atau JSON.") % {"name": filename}
        )
    return extension


def read_dataset(*, content: bytes, filename: str) -> tablib.Dataset:
    file_format = format_of(filename)
    if not content:
        raise ValidationError(_("Berkas kosong."))
    if len(content) > max_bytes():
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB); paling besar %(max).1f MB.")
            % {"size": len(content) / 1_048_576, "max": max_bytes() / 1_048_576}
        )
    reader = {"xlsx": _read_xlsx, "csv": _read_csv, "json": _read_json}[file_format]
    headers, rows = reader(content)
    headers = [("" if h is None else str(h).strip()) for h in headers]
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not headers or not any(headers):
        raise ValidationError(_("Berkas tidak memiliki baris judul kolom."))
    if not rows:
        raise ValidationError(_("Berkas tidak berisi baris data."))
    if len(rows) > max_rows():
        raise ValidationError(
            _("Berkas berisi %(rows)d baris; paling banyak %(max)d baris per impor.") % {"rows": len(rows), "max": max_rows()}
        )
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        row = list(row)[:width]
        dataset.append(row + [None] * (width - len(row)))
    return dataset


def _not_a_spreadsheet():
    return ValidationError(_("Isi berkas bukan lembar kerja yang bisa dibaca. Kirim berkas XLSX, CSV (UTF-8), atau JSON."))


def _read_xlsx(content: bytes):
    # python-calamine (Rust) reads a 10,000-row workbook about ten times faster than openpyxl.
    from python_calamine import CalamineWorkbook

    if not content.startswith(b"PK\x03\x04"):
        raise _not_a_spreadsheet()
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        name = DATA_SHEET_NAME if DATA_SHEET_NAME in workbook.sheet_names else workbook.sheet_names[0]
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - calamine raises several kinds for a damaged file
        raise _not_a_spreadsheet() from None
    if not rows:
        return [], []
    return list(rows[0]), [tuple(_xlsx_value(v) for v in row) for row in rows[1:]]


def _xlsx_value(value):
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date()
    return value


def _read_csv(content: bytes):
    if b"\x00" in content[:4096]:
        raise _not_a_spreadsheet()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Berkas CSV harus memakai pengodean UTF-8. Simpan ulang sebagai \"CSV UTF-8\".")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise _not_a_spreadsheet() from None
    if not rows:
        raise ValidationError(_("Berkas kosong."))
    return rows[0], rows[1:]


def _read_json(content: bytes):
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _not_a_spreadsheet() from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValidationError(_("Berkas JSON harus berupa daftar objek, satu objek per baris."))
    headers: list[str] = []
    for item in data:
        headers.extend(key for key in item if key not in headers)
    return headers, [[_json_cell(item.get(h)) for h in headers] for item in data]


def _json_cell(value):
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_dataset(dataset: tablib.Dataset, file_format: str) -> bytes:
    if file_format == "xlsx":
        return _write_xlsx(dataset)
    if file_format == "csv":
        # The byte-order mark lets Excel open the UTF-8 file with the right accents.
        return dataset.export("csv").encode("utf-8-sig")
    if file_format == "json":
        return json.dumps(dataset.dict, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    raise ValueError(file_format)


def _write_xlsx(dataset: tablib.Dataset) -> bytes:
    """A one-sheet workbook; text is always stored as text, so "=..." never becomes a formula."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET_NAME)
    bold = Font(bold=True)
    header = []
    for title in dataset.headers:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in dataset:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_xlsx_safe(value))
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_safe(value):
    if isinstance(value, str):
        # openpyxl refuses control characters that XML cannot hold.
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
