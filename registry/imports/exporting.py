"""Export of any resource to XLSX, CSV or JSON, and the empty XLSX template of each."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from registry.imports.catalog import resource_entry
from registry.imports.files import FORMATS, write_dataset


def export_file(resource_name: str, queryset=None, *, file_format: str) -> tuple[bytes, str, str]:
    """(content, filename, content type) of the rows of `queryset` (all rows when None)."""
    if file_format not in FORMATS:
        raise ValueError(file_format)
    resource = resource_entry(resource_name).resource_class()
    dataset = resource.export(queryset=queryset)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return write_dataset(dataset, file_format), f"{resource_name}-{stamp}.{file_format}", FORMATS[file_format]


def template_file(resource_name: str) -> tuple[bytes, str]:
    """An empty workbook: sheet "Data" with the Indonesian headers and one example row,
    sheet "Petunjuk" explaining every column and its allowed values."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    resource_class = resource_entry(resource_name).resource_class
    columns = resource_class.import_columns()
    required = set(resource_class.required_columns)
    workbook = openpyxl.Workbook()
    data = workbook.active
    data.title = "Data"
    data.append(columns)
    data.append([resource_class.example_row.get(column, "") for column in columns])
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, start=1):
        cell = data.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column in required else "000000")
        cell.fill = header_fill
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(14, min(45, len(column) + 4))
        if "Kode" in column or column in ("ID eksternal", "TPB/SDG"):
            # Codes such as 33.70 must stay text, or a spreadsheet turns them into numbers.
            for row in range(2, 1002):
                data.cell(row=row, column=index).number_format = "@"
    data.freeze_panes = "A2"

    notes = workbook.create_sheet(_("Petunjuk"))
    notes.append([_("Kolom"), _("Wajib"), _("Keterangan"), _("Nilai yang diizinkan")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for column in columns:
        explanation, allowed = resource_class.notes.get(column, ("", ""))
        if allowed == "SECTORS":
            from registry.innovations.models import Sector

            allowed = ", ".join(f"{s.code} ({s.name})" for s in Sector.objects.all())
        notes.append([column, _("ya") if column in required else _("tidak"), str(explanation), str(allowed)])
    notes.append([])
    notes.append([_("Baris data pertama adalah baris 2. Hapus baris contoh sebelum mengimpor. Kolom bertanda merah wajib diisi.")])
    notes.append([_("Impor ulang dengan kunci yang sama memperbarui data; baris yang tidak berubah dilewati.")])
    for letter, width in zip("ABCD", (28, 8, 70, 70), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), f"templat-{resource_name}.xlsx"
