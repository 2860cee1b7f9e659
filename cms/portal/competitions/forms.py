"""Portal forms for entrants, judges and the secretariat (the services check the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.competitions.models import AdminFailReason, Confidence


class EntryForm(forms.Form):
    innovation = forms.ModelChoiceField(label=_("Inovasi"), queryset=None)
    group = forms.ModelChoiceField(label=_("Kelompok"), queryset=None)
    category = forms.ModelChoiceField(label=_("Kategori"), queryset=None)
    replication_project = forms.ModelChoiceField(
        label=_("Proyek replikasi"),
        queryset=None,
        required=False,
        help_text=_("Wajib untuk kelompok replikasi: proyek replikasi instansi Anda yang menghasilkan inovasi ini."),
    )

    def __init__(self, *args, competition, innovations, replication_projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["innovation"].queryset = innovations
        self.fields["group"].queryset = competition.groups.all()
        self.fields["category"].queryset = competition.categories.all()
        self.fields["replication_project"].queryset = replication_projects


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


def _plain_number(value) -> str:
    """10.00 → "10", 12.50 → "12.5" (never "1E+1")."""
    return format(value.normalize(), "f")


class ScoreForm(forms.Form):
    """One number and one comment per criterion, a confidence level, draft or submit."""

    confidence = forms.TypedChoiceField(
        label=_("Tingkat keyakinan Anda"),
        choices=[("", "—"), *Confidence.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"value_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                min_value=criterion.scale_min,
                max_value=criterion.scale_max,
                decimal_places=2,
                required=False,
                initial=existing.value if existing else None,
                help_text=_("Skala %(min)d–%(max)d, bobot %(weight)s")
                % {"min": criterion.scale_min, "max": criterion.scale_max, "weight": _plain_number(criterion.weight)},
                widget=forms.NumberInput(
                    attrs={"step": "0.5", "data-weight": criterion.weight, "data-min": criterion.scale_min, "data-max": criterion.scale_max}
                ),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Komentar untuk %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=3000,
                initial=existing.comment if existing else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"value_{criterion.pk}"], self[f"comment_{criterion.pk}"]

    def values(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"value_{c.pk}") for c in self.criteria}

    def comments(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class AdminCheckForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("Hasil"),
        choices=[("1", _("Lolos")), ("0", _("Tidak lolos"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Alasan tidak lolos"), choices=AdminFailReason.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class CsvUploadForm(forms.Form):
    # An assignment list is a few kilobytes; the cap keeps a wrong or hostile file out of memory.
    MAX_BYTES = 1024 * 1024

    file = forms.FileField(label=_("Berkas CSV (kolom: entri, juri)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Berkas CSV terlalu besar; paling besar 1 MB."))
        head = upload.read(64 * 1024)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(_("Isi berkas bukan teks CSV."))
        return upload


class WindowForm(forms.Form):
    objection_opens = forms.DateTimeField(label=_("Masa sanggah dibuka"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    objection_closes = forms.DateTimeField(label=_("Masa sanggah ditutup"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class ObjectionDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Keputusan"),
        choices=[("0", _("Tolak sanggahan")), ("1", _("Kabulkan sanggahan"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Pertimbangan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ObjectionForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=150)
    contact = forms.CharField(label=_("Surel atau telepon"), max_length=150)
    reason = forms.CharField(label=_("Alasan sanggahan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
