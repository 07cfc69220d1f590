from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings

from accounts.models import User
from accounts.units import from_celsius, to_celsius
from accounts.zones import zone_choices
from lib.forms import OneLineField, hold_email_address


def time_zone_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Your time zone",
        choices=zone_choices,
        help_text="Entries are filed under the day they happened where you live.",
        error_messages={
            "invalid_choice": "Choose a time zone from the list, for example Europe — London."
        },
    )


EMAIL_LABEL = "E-mail address"
PASSWORD_RULES = (
    "At least 8 characters, not only numbers, not a common password and not like your "
    "e-mail address."
)


def use_our_wording(form: forms.Form, labels: dict[str, str]) -> None:
    """Our labels on allauth's fields, and no placeholders: the label says it once."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in labels:
            field.label = labels[name]


def new_password_in_our_words(form: forms.Form, labels: dict[str, str]) -> None:
    """Our labels, and the validators' four sentences (AUTH_PASSWORD_VALIDATORS' rules) in
    one line, on a form that sets a password: sign-up, change and reset alike."""
    use_our_wording(form, labels)
    form.fields["password1"].help_text = PASSWORD_RULES


NEW_PASSWORD_LABELS = {"password1": "New password", "password2": "New password confirmation"}


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_our_wording(self, {"login": EMAIL_LABEL})
        self.fields["login"].widget.attrs["autofocus"] = True
        self.fields["password"].help_text = ""  # the page links to the reset itself


class SignupForm(allauth_forms.SignupForm):
    time_zone = time_zone_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        new_password_in_our_words(
            self, {"email": EMAIL_LABEL, "password2": "Password confirmation"}
        )
        hold_email_address(self.fields["email"])
        self.fields["email"].widget.attrs["autofocus"] = True
        self.order_fields(["email", "time_zone", "password1", "password2"])
        if not self.is_bound:
            # A fresh form guesses the phone's zone (app.js); a re-shown one keeps the choice.
            self.initial.setdefault("time_zone", settings.TIME_ZONE)
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_our_wording(self, {"email": EMAIL_LABEL})
        hold_email_address(self.fields["email"])


class AddEmailForm(allauth_forms.AddEmailForm):
    """The e-mail addresses page's form: an address is held as at sign-up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_our_wording(self, {"email": EMAIL_LABEL})
        hold_email_address(self.fields["email"])


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        new_password_in_our_words(self, {"oldpassword": "Current password", **NEW_PASSWORD_LABELS})
        self.fields["oldpassword"].help_text = ""  # the page links to the reset itself


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        new_password_in_our_words(self, NEW_PASSWORD_LABELS)


class ProfileForm(forms.ModelForm):
    time_zone = time_zone_field()
    heat_threshold = forms.DecimalField(
        label="A day counts as hot from",
        max_digits=4,
        decimal_places=1,
        help_text="In the unit chosen above. The trigger view calls a day hot at or above this.",
        error_messages={"invalid": "Enter a temperature, for example 25."},
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "time_zone",
            "temperature_unit",
            "weekly_digest",
            "larger_text",
            "full_name",
            "date_of_birth",
        ]
        widgets = {
            "temperature_unit": forms.RadioSelect,
            "date_of_birth": forms.DateInput(
                format="%Y-%m-%d", attrs={"type": "date", "autocomplete": "bday"}
            ),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        field_classes = {"display_name": OneLineField, "full_name": OneLineField}
        error_messages = {
            "date_of_birth": {"invalid": "Enter a date of birth, for example 1984-03-21."}
        }
        labels = {"temperature_unit": "Show temperatures in"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = zone_choices(keep=self.instance.time_zone)
        # app.js offers the phone's zone beside the field when it differs; it never picks it.
        self.fields["time_zone"].widget.attrs["data-suggest-time-zone"] = ""
        self.initial["heat_threshold"] = from_celsius(
            self.instance.heat_threshold_c, self.instance.uses_fahrenheit
        )

    def clean(self):
        data = super().clean()
        threshold, unit = data.get("heat_threshold"), data.get("temperature_unit")
        if threshold is not None and unit:
            celsius = to_celsius(threshold, unit == User.TemperatureUnit.FAHRENHEIT)
            if not 10 <= celsius <= 45:
                self.add_error(
                    "heat_threshold",
                    "Choose a temperature between 10 °C (50 °F) and 45 °C (113 °F).",
                )
            else:
                self.instance.heat_threshold_c = celsius
        return data


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone, so it asks for the password first."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        help_text="To make sure it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Your account is unchanged.")
        return password
