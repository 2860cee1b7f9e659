"""Forms of the replication portal; they only collect input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.agencies.models import Agency, AgencyType
from registry.replication.models import (
    DocumentKind,
    MonitoringUpdate,
    ReplicationOutcome,
    ReplicationProject,
)

FACILITATOR_TYPES = [AgencyType.PEMPROV, AgencyType.KEMENTERIAN, AgencyType.LEMBAGA]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def facilitator_queryset():
    return Agency.objects.filter(type__in=FACILITATOR_TYPES, is_active=True).order_by("type", "name")


class StartForm(forms.Form):
    adopter = forms.ModelChoiceField(label=_("Instansi pereplikasi"), queryset=Agency.objects.none(), empty_label=None)
    local_name = forms.CharField(
        label=_("Nama lokal replikasi"), max_length=255, required=False,
        help_text=ReplicationProject._meta.get_field("local_name").help_text,
    )
    interest_statement = forms.CharField(
        label=_("Alasan minat"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=ReplicationProject._meta.get_field("interest_statement").help_text,
    )
    facilitator = forms.ModelChoiceField(
        label=_("Fasilitator (opsional)"), queryset=Agency.objects.none(), required=False,
        empty_label=_("Tanpa fasilitator"),
    )
    letter = forms.FileField(
        label=_("Surat minat (opsional sekarang)"), required=False,
        help_text=_("PDF atau dokumen kantor yang ditandatangani pimpinan; wajib sebelum tahap minat ditinggalkan."),
    )

    def __init__(self, *args, adopters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopter"].queryset = Agency.objects.filter(pk__in=[a.pk for a in adopters]).order_by("name")
        self.fields["facilitator"].queryset = facilitator_queryset()


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ReplicationProject
        fields = [
            "local_name", "facilitator", "interest_statement", "adaptation_plan", "adaptations", "budget",
            "budget_source", "team", "planned_start", "planned_end", "agreement_signed_on",
            "implementation_started_on", "evaluation_summary",
        ]
        widgets = {
            "planned_start": DATE_INPUT,
            "planned_end": DATE_INPUT,
            "agreement_signed_on": DATE_INPUT,
            "implementation_started_on": DATE_INPUT,
            "interest_statement": forms.Textarea(attrs={"rows": 3}),
            "adaptation_plan": forms.Textarea(attrs={"rows": 5}),
            "adaptations": forms.Textarea(attrs={"rows": 4}),
            "team": forms.Textarea(attrs={"rows": 3}),
            "evaluation_summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitator_queryset()


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Judul (opsional)"), max_length=255, required=False)
    file = forms.FileField(label=_("Berkas"))


class MonitoringForm(forms.ModelForm):
    class Meta:
        model = MonitoringUpdate
        fields = ["reported_on", "milestone", "progress", "percent_complete"]
        widgets = {"reported_on": DATE_INPUT, "progress": forms.Textarea(attrs={"rows": 3})}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = ReplicationOutcome
        fields = ["origin_indicator", "name", "unit", "baseline", "target", "actual", "note"]

    def __init__(self, *args, origin_indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_indicator"].queryset = origin_indicators
        self.fields["origin_indicator"].empty_label = _("Tidak ada pembanding")


OutcomeFormSet = forms.formset_factory(OutcomeForm, extra=1, can_delete=True, max_num=30, validate_max=True)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StopForm(forms.Form):
    reason = forms.CharField(label=_("Alasan dihentikan"), widget=forms.Textarea(attrs={"rows": 3}))


class MentoringForm(forms.Form):
    note = forms.CharField(
        label=_("Bentuk pendampingan"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya kunjungan lapangan, pelatihan petugas, atau berbagi SOP."),
    )
