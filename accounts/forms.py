from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm

from accounts.models import User, time_zone_names
from triggers.units import from_celsius, to_celsius


def time_zone_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Your time zone",
        choices=[(name, name.replace("_", " ")) for name in time_zone_names()],
        help_text="Entries are filed under the day they happened where you live.",
        error_messages={
            "invalid_choice": "Choose a time zone from the list, for example Europe/London."
        },
    )


class SignupForm(UserCreationForm):
    time_zone = time_zone_field()

    class Meta:
        model = User
        fields = ["email", "time_zone"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A fresh form guesses the phone's zone (app.js); a re-shown one keeps the choice.
            self.initial.setdefault("time_zone", settings.TIME_ZONE)
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("There is already an account with this e-mail address.")
        return email


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
        fields = ["display_name", "time_zone", "temperature_unit", "weekly_digest"]
        widgets = {"temperature_unit": forms.RadioSelect}
        labels = {"temperature_unit": "Show temperatures in"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
