from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self):
        # Authenticator apps show "123 456"; backup codes are typed in any case.
        return self.cleaned_data["code"].replace(" ", "").replace("-", "").lower()
