"""Provinces and kab/kota in and out of spreadsheets, keyed by Kemendagri code."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from registry.geo.models import Province, Regency, RegencyKind
from registry.imports.base import KeyField, RegistryResource
from registry.imports.widgets import ChoiceWidget, RegionCodeWidget, TextWidget


def _province_code(value) -> str:
    return f"{int(value):02d}" if isinstance(value, float | int) and not isinstance(value, bool) else str(value or "").strip()


class ProvinceResource(RegistryResource):
    code = KeyField(attribute="code", column_name="Kode provinsi", widget=TextWidget(max_length=2, required=True))
    name = fields.Field(attribute="name", column_name="Nama", widget=TextWidget(max_length=100, required=True))
    bps_code = fields.Field(attribute="bps_code", column_name="Kode BPS", widget=TextWidget(max_length=4))

    key_columns = ("Kode provinsi",)
    required_columns = ("Kode provinsi", "Nama")
    label_column = "Nama"
    verbose_name = gettext_lazy("Provinsi")
    notes = {
        "Kode provinsi": (gettext_lazy("Kode Kemendagri dua angka, misalnya 33 (kunci baris)."), ""),
        "Nama": (gettext_lazy("Nama resmi provinsi."), ""),
        "Kode BPS": (gettext_lazy("Kode BPS bila ada."), ""),
    }
    example_row = {"Kode provinsi": "33", "Nama": "Jawa Tengah", "Kode BPS": "33"}

    class Meta:
        model = Province
        fields = ("code", "name", "bps_code")
        import_id_fields = ("code",)

    def normalise_key_part(self, column, value):
        return _province_code(value)

    def key_of_instance(self, instance):
        return instance.code

    def import_instance(self, instance, row, **kwargs):
        row["Kode provinsi"] = _province_code(row.get("Kode provinsi"))
        super().import_instance(instance, row, **kwargs)

    def check_row(self, instance, row, errors):
        if instance.code and not (len(instance.code) == 2 and instance.code.isdigit()):
            errors.setdefault("code", []).append(_("Kode provinsi harus dua angka, misalnya 33."))

    @transaction.atomic
    def write(self):
        Province.objects.bulk_create(self.to_create)
        Province.objects.bulk_update(self.to_update, ["name", "bps_code"])
        self.written_ids = [p.pk for p in self.to_create + self.to_update]


class RegencyResource(RegistryResource):
    code = KeyField(attribute="code", column_name="Kode kabupaten/kota", widget=TextWidget(max_length=5, required=True))
    province = fields.Field(
        attribute="province",
        column_name="Kode provinsi",
        widget=RegionCodeWidget(kind=gettext_lazy("provinsi"), digits_after_dot=0, required=True, code_of=lambda p: p.code),
    )
    name = fields.Field(attribute="name", column_name="Nama", widget=TextWidget(max_length=100, required=True))
    kind = fields.Field(attribute="kind", column_name="Jenis", widget=ChoiceWidget(RegencyKind.choices, required=True))
    bps_code = fields.Field(attribute="bps_code", column_name="Kode BPS", widget=TextWidget(max_length=4))

    key_columns = ("Kode kabupaten/kota",)
    required_columns = ("Kode kabupaten/kota", "Kode provinsi", "Nama", "Jenis")
    label_column = "Nama"
    verbose_name = gettext_lazy("Kabupaten/kota")
    notes = {
        "Kode kabupaten/kota": (gettext_lazy("Kode Kemendagri, misalnya 33.72 (kunci baris). Format sel sebagai teks."), ""),
        "Kode provinsi": (gettext_lazy("Kode provinsi tempat kabupaten/kota ini berada."), ""),
        "Nama": (gettext_lazy("Nama resmi, misalnya Kota Surakarta."), ""),
        "Jenis": (gettext_lazy("Kabupaten atau kota."), ", ".join(v for v, _l in RegencyKind.choices)),
        "Kode BPS": (gettext_lazy("Kode BPS bila ada."), ""),
    }
    example_row = {"Kode kabupaten/kota": "33.72", "Kode provinsi": "33", "Nama": "Kota Surakarta", "Jenis": "kota", "Kode BPS": "3372"}

    class Meta:
        model = Regency
        fields = ("code", "province", "name", "kind", "bps_code")
        import_id_fields = ("code",)

    def normalise_key_part(self, column, value):
        return f"{value:.2f}" if isinstance(value, float) else str(value or "").strip()

    def key_of_instance(self, instance):
        return instance.code

    def prepare_lookups(self, dataset):
        self.fields["province"].widget.lookup = {p.code: p for p in Province.objects.all()}

    def import_instance(self, instance, row, **kwargs):
        row["Kode kabupaten/kota"] = self.normalise_key_part(None, row.get("Kode kabupaten/kota"))
        row["Kode provinsi"] = _province_code(row.get("Kode provinsi"))
        super().import_instance(instance, row, **kwargs)

    def check_row(self, instance, row, errors):
        code = instance.code or ""
        if code and instance.province_id and not code.startswith(f"{instance.province_id}."):
            errors.setdefault("code", []).append(
                _("Kode %(code)s tidak berada di provinsi %(province)s.") % {"code": code, "province": instance.province_id}
            )

    @transaction.atomic
    def write(self):
        Regency.objects.bulk_create(self.to_create)
        Regency.objects.bulk_update(self.to_update, ["province", "name", "kind", "bps_code"])
        self.written_ids = [r.pk for r in self.to_create + self.to_update]
