from django import forms
from django.utils.translation import gettext_lazy as _

from registry.imports.catalog import RESOURCES
from registry.imports.files import max_bytes


class ImportUploadForm(forms.Form):
    resource = forms.ChoiceField(label=_("Jenis data"))
    file = forms.FileField(
        label=_("Berkas (XLSX, CSV UTF-8, atau JSON)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.json"}),
    )
    publish = forms.BooleanField(
        label=_("Langsung terbitkan inovasi (hanya admin kementerian)"),
        required=False,
        initial=True,
        help_text=_("Tanpa centang, inovasi baru disimpan sebagai draf dan diverifikasi lewat portal."),
    )

    def __init__(self, *args, resources: list[str], allow_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].choices = [(name, RESOURCES[name].label) for name in resources]
        if len(resources) == 1:
            self.fields["resource"].initial = resources[0]
        if not allow_publish:
            del self.fields["publish"]
        self.fields["file"].help_text = _("Paling besar %(mb)d MB. Unduh templat XLSX agar judul kolom sesuai.") % {
            "mb": max_bytes() // 1_048_576
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size).1f MB); paling besar %(max).1f MB.")
                % {"size": upload.size / 1_048_576, "max": max_bytes() / 1_048_576}
            )
        return upload
