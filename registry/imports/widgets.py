"""Spreadsheet cell ⇄ Python value, with an Indonesian message for every refusal.

Each widget raises ValueError with a message written for the person who filled in
the spreadsheet; the import turns it into an error on that row and column.
Lookups (codes of regions, agencies, sectors) read from a dict filled once per
import, so validating 10,000 rows costs no query per row.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets

from registry.core.text import clean_plain_text

_LIST_SEPARATORS = re.compile(r"[,;\n]+")


def cell_text(value) -> str:
    """The text of a cell: numbers typed into text columns lose their trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _allowed(values) -> str:
    values = list(values)
    shown = ", ".join(str(v) for v in values[:40])
    return shown + (", …" if len(values) > 40 else "")


_NOT_PLAIN = re.compile(r"[<&\r\t\xa0]|  |\n\n\n| \n|\n ")


def _already_plain(text: str) -> bool:
    """True when clean_plain_text would return the text unchanged (most cells): skips its cost."""
    return _NOT_PLAIN.search(text) is None


class TextWidget(widgets.Widget):
    def __init__(self, *, max_length=None, required=False, plain=True, multiline=False):
        super().__init__()
        self.max_length, self.required, self.plain, self.multiline = max_length, required, plain, multiline

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if self.plain and text and not _already_plain(text):
            text = clean_plain_text(text)
            if not self.multiline:
                text = " ".join(text.split())
        if self.required and not text:
            raise ValueError(_("Wajib diisi."))
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("Teks terlalu panjang: %(length)d karakter, paling banyak %(max)d.")
                % {"length": len(text), "max": self.max_length}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NullableTextWidget(TextWidget):
    """Text stored as NULL when empty (unique keys such as the external ID)."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row=row, **kwargs) or None


class IntegerWidget(widgets.Widget):
    def __init__(self, *, required=False):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(_("Wajib diisi."))
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(_("Harus berupa bilangan bulat, bukan \"%(value)s\".") % {"value": text}) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_decimal(value)

    def render(self, value, obj=None, **kwargs):
        return render_decimal(value)


def parse_decimal(value) -> Decimal | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    text = cell_text(value).replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Indonesian decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("Harus berupa angka (pakai titik untuk desimal), bukan \"%(value)s\".") % {"value": text}) from None
    if not number.is_finite():
        raise ValueError(_("Harus berupa angka, bukan \"%(value)s\".") % {"value": text})
    return number


def render_decimal(value) -> str:
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text


class BooleanWidget(widgets.Widget):
    TRUE = {"ya", "y", "true", "1", "benar", "yes"}
    FALSE = {"tidak", "t", "false", "0", "salah", "no", ""}

    def __init__(self, *, default=False):
        super().__init__()
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = cell_text(value).lower()
        if not text:
            return self.default
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Isi dengan \"ya\" atau \"tidak\", bukan \"%(value)s\".") % {"value": cell_text(value)})

    def render(self, value, obj=None, **kwargs):
        return "ya" if value else "tidak"


class DateWidget(widgets.Widget):
    FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for fmt in self.FORMATS:
            try:
                return datetime.datetime.strptime(text[:10], fmt).date()
            except ValueError:
                continue
        raise ValueError(_("Tanggal \"%(value)s\" tidak dikenali; tulis sebagai TTTT-BB-HH, misalnya 2019-07-01.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class ChoiceWidget(widgets.Widget):
    """A value from a TextChoices list: the code, or its Indonesian label."""

    def __init__(self, choices, *, required=False, default=""):
        super().__init__()
        self.choices = list(choices)
        self.required, self.default = required, default
        self._lookup = {}
        for value, label in self.choices:
            self._lookup[str(value).lower()] = value
            self._lookup[str(label).lower()] = value

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(_("Wajib diisi."))
            return self.default
        try:
            return self._lookup[text.lower()]
        except KeyError:
            raise ValueError(
                _("Nilai \"%(value)s\" tidak ada dalam daftar yang diizinkan: %(allowed)s.")
                % {"value": text, "allowed": _allowed(value for value, _label in self.choices)}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class CodeWidget(widgets.Widget):
    """A foreign key written as its natural key; `lookup` is a dict code → object filled per import."""

    def __init__(self, *, kind: str, required=False, code_of=str):
        super().__init__()
        self.kind, self.required, self.code_of = kind, required, code_of
        self.lookup: dict = {}

    def normalise(self, value) -> str:
        return cell_text(value)

    def clean(self, value, row=None, **kwargs):
        code = self.normalise(value)
        if not code:
            if self.required:
                raise ValueError(_("Wajib diisi."))
            return None
        try:
            return self.lookup[code]
        except KeyError:
            raise ValueError(_("Kode %(kind)s \"%(code)s\" tidak dikenal.") % {"kind": self.kind, "code": code}) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.code_of(value)


class RegionCodeWidget(CodeWidget):
    """Kemendagri codes; a spreadsheet may have turned "33.70" into the number 33.7."""

    def __init__(self, *, digits_after_dot: int, **kwargs):
        super().__init__(**kwargs)
        self.digits_after_dot = digits_after_dot

    def normalise(self, value) -> str:
        if isinstance(value, float) and self.digits_after_dot:
            return f"{value:.{self.digits_after_dot}f}"
        return cell_text(value)


class CodeListWidget(widgets.Widget):
    """Several codes in one cell, separated by commas: "kesehatan, pendidikan"."""

    def __init__(self, *, kind: str, code_of=str, parse=cell_text):
        super().__init__()
        self.kind, self.code_of, self.parse = kind, code_of, parse
        self.lookup: dict = {}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            parts = [cell_text(value)]
        else:
            parts = [p.strip() for p in _LIST_SEPARATORS.split(cell_text(value)) if p.strip()]
        found, unknown = [], []
        for part in parts:
            key = self.parse(part)
            target = self.lookup.get(key)
            if target is None:
                unknown.append(part)
            elif target not in found:
                found.append(target)
        if unknown:
            raise ValueError(
                _("Kode %(kind)s tidak dikenal: %(codes)s. Yang diizinkan: %(allowed)s.")
                % {"kind": self.kind, "codes": ", ".join(unknown), "allowed": _allowed(self.lookup)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted((self.code_of(item) for item in items), key=_natural_order))


def _natural_order(text: str):
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def sdg_number(text: str) -> int | None:
    text = text.strip()
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() else None
