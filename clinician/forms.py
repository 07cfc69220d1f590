import re

from django import forms

from clinician.models import Lifetime, LinkRule
from visits.forms import RangeForm

PIN = re.compile(r"[0-9]{4,8}")


def _pin_field(label: str, required: bool, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=8,
        strip=True,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*"}
        ),
    )


def _clean_pin(value: str) -> str:
    if value and not PIN.fullmatch(value):
        raise forms.ValidationError("A PIN is 4 to 8 digits, nothing else.")
    return value


class LinkForm(RangeForm):
    """A new clinician link: which days, for how long, and perhaps a PIN."""

    lifetime = forms.ChoiceField(
        label="The link works for",
        choices=Lifetime.choices,
        initial=Lifetime.WEEK,
        widget=forms.RadioSelect,
    )
    pin = _pin_field(
        "PIN (optional)",
        required=False,
        help_text="4 to 8 digits you tell the clinician yourself, not with the link. "
        "Five wrong tries lock the link.",
    )

    def clean_pin(self) -> str:
        return _clean_pin(self.cleaned_data["pin"])


class PinForm(forms.Form):
    pin = _pin_field("PIN", required=True)

    def clean_pin(self) -> str:
        return _clean_pin(self.cleaned_data["pin"])


class LinkRuleForm(forms.ModelForm):
    class Meta:
        model = LinkRule
        fields = ["caregivers_may_make"]
        help_texts = {
            "caregivers_may_make": "Only those who can view your journal. "
            "You see every link here, whoever made it, and can revoke it."
        }
