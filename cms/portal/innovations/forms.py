"""Forms of the innovation portal. They validate input; the services decide and write."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags, parse_tags

from registry.innovations.models import (
    NARRATIVE_SECTIONS,
    SUMMARY_MAX_WORDS,
    Innovation,
    Sdg,
    Sector,
)

EDITABLE_FIELDS = [
    "title",
    "summary",
    "product",
    "unit_name",
    "initiator",
    "form",
    "kind",
    "is_digital",
    "sectors",
    "sdgs",
    "province",
    "regency",
    "stage",
    "year_started",
    "year_implemented",
    "implemented_on",
    *NARRATIVE_SECTIONS,
    "contact_name",
    "contact_email",
    "contact_phone",
    "video_url",
]


class RegionSelect(forms.Select):
    """Options carry their province, so the script can narrow kab/kota to the chosen province."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-province"] = instance.province_id
        return option


class AgencySelect(forms.Select):
    """Options carry the agency's region, which the new innovation takes unless changed."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-province"] = instance.province_id or ""
            option["attrs"]["data-regency"] = instance.regency_id or ""
        return option


class InnovationForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Label"),
        required=False,
        help_text=_("Kata kunci dipisahkan koma, misalnya: akta kelahiran, jemput bola, rumah sakit."),
    )
    video_url = forms.URLField(
        label=_("Tautan video"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Tautan video di YouTube atau situs instansi (opsional)."),
    )

    class Meta:
        model = Innovation
        fields = EDITABLE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6, "data-word-limit": SUMMARY_MAX_WORDS}),
            "sectors": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "regency": RegionSelect,
            "implemented_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 5}) for name in NARRATIVE_SECTIONS},
        }
        help_texts = {
            "summary": _("Paling banyak %(max)d kata.") % {"max": SUMMARY_MAX_WORDS},
            "product": _("Apa yang dihasilkan: aplikasi, layanan, SOP, alat, ..."),
            "unit_name": _("Bidang, UPT atau unit yang menjalankan inovasi."),
            "regency": _("Kosongkan bila inovasi berlaku untuk seluruh provinsi."),
            "year_implemented": _("Terisi otomatis dari tanggal mulai diterapkan bila tanggal diisi."),
        }

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.order_by("sort_order", "name")
        self.fields["sdgs"].queryset = Sdg.objects.order_by("number")
        self.fields["regency"].queryset = self.fields["regency"].queryset.order_by("province_id", "name")
        if agencies is not None:
            # Only a new innovation chooses its agency; an existing one never moves.
            self.fields = {
                "agency": forms.ModelChoiceField(
                    queryset=agencies,
                    label=_("Instansi"),
                    empty_label=None,
                    widget=AgencySelect(attrs={"data-region-source": "true"}),
                ),
                **self.fields,
            }

    def clean_tags(self):
        return parse_tags(self.cleaned_data.get("tags", ""))

    def service_data(self) -> dict:
        """What the services take: every edited field, tags as a list of names."""
        return {name: self.cleaned_data[name] for name in [*EDITABLE_FIELDS, "tags"]}


def initial_for(draft: Innovation) -> dict:
    """Initial values for the relations a revision keeps in memory (ModelForm reads only the row)."""
    return {
        "sectors": [sector.pk for sector in draft.sectors.all()],
        "sdgs": [sdg.pk for sdg in draft.sdgs.all()],
        "tags": edit_string_for_tags(list(draft.tags.all())),
    }


class IndicatorForm(forms.Form):
    # Not required by the field: a blank row the script only numbered is ignored, see clean().
    name = forms.CharField(label=_("Indikator"), max_length=255, required=False)
    unit = forms.CharField(label=_("Satuan"), max_length=50, required=False)
    baseline = forms.DecimalField(
        label=_("Nilai awal"), max_digits=18, decimal_places=4, required=False, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    baseline_year = forms.IntegerField(label=_("Tahun nilai awal"), min_value=1945, max_value=2100, required=False)
    value = forms.DecimalField(
        label=_("Capaian"), max_digits=18, decimal_places=4, required=False, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    year = forms.IntegerField(label=_("Tahun capaian"), min_value=1945, max_value=2100, required=False)
    note = forms.CharField(label=_("Keterangan/sumber data"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        filled = [name for name in self.base_fields if name != "name" and data.get(name) not in (None, "")]
        if filled and not data.get("name"):
            self.add_error("name", _("Nama indikator wajib diisi bila nilai-nilainya diisi."))
        return data


class BaseIndicatorFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Urutan")
        form.fields["DELETE"].label = _("Hapus")

    def rows(self) -> list[dict]:
        """The indicators to keep, in the order the user gave (blank extra rows are ignored)."""
        ordered = []
        for index, form in enumerate(self.forms):
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            order = data.get("ORDER")
            row = {name: data.get(name) for name in IndicatorForm.base_fields}
            ordered.append((order is None, order or 0, index, row))
        ordered.sort(key=lambda item: item[:3])
        return [{**row, "sort_order": position} for position, (*_key, row) in enumerate(ordered)]


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BaseIndicatorFormSet, extra=1, can_delete=True, can_order=True, max_num=30, validate_max=True
)


def _without_trailing_zeros(value):
    # Stored with four decimals; shown as typed: 61 rather than 61,0000.
    if isinstance(value, Decimal):
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return value


def indicator_initial(draft: Innovation) -> list[dict]:
    fields = list(IndicatorForm.base_fields)
    return [{name: _without_trailing_zeros(getattr(row, name)) for name in fields} for row in draft.indicators.all()]


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas dokumen"))
    title = forms.CharField(label=_("Judul dokumen"), max_length=255, required=False)


class ImageUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas gambar"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    caption = forms.CharField(label=_("Keterangan gambar"), max_length=255, required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan untuk pengusul"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wajib: apa yang perlu diperbaiki sebelum inovasi dapat diterbitkan."),
    )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penarikan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wajib; dicatat dalam riwayat dan ditampilkan kepada instansi."),
    )

