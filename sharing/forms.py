from django import forms

from lib.forms import EmailAddressField
from sharing.models import Permission


class InviteForm(forms.Form):
    email = EmailAddressField(
        label="Their e-mail address (optional)",
        required=False,
        help_text="We e-mail them the link. Leave it empty to copy the link yourself.",
        error_messages={"invalid": "Enter an e-mail address like name@example.com."},
    )
    permission = forms.ChoiceField(
        label="What may they do?",
        choices=Permission.choices,
        initial=Permission.VIEW,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email and email == self.patient.email.lower():
            raise forms.ValidationError("That is your own address: you already have your journal.")
        return email


class PermissionForm(forms.Form):
    permission = forms.ChoiceField(choices=Permission.choices)
