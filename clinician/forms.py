from django import forms
from django.core.validators import RegexValidator

from clinician.models import Lifetime, LinkRule
from visits.forms import RangeForm

# ASCII digits only: \d would take other scripts' digits too.
PIN = RegexValidator(r"\A[0-9]{4,8}\Z", "A PIN is 4 to 8 digits, nothing else.")


def _pin_field(label: str, required: bool, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        # The one rule, so a PIN too long gets one message, the rule's, by the field.
        validators=[PIN],
        help_text=help_text,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "pattern": "[0-9]*",
                "maxlength": "8",
            }
        ),
    )


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


class PinForm(forms.Form):
    pin = _pin_field("PIN", required=True)


class LinkRuleForm(forms.ModelForm):
    class Meta:
        model = LinkRule
        fields = ["caregivers_may_make"]
        help_texts = {
            "caregivers_may_make": "Only those who can view your journal. "
            "You see every link here, whoever made it, and can revoke it."
        }
