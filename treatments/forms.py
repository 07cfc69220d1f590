"""The treatment screens' forms: each turns what was typed into Python values and says, by
the field, what is wrong with it."""

import datetime as dt
import uuid

from django import forms

from lib.forms import (
    NoteField,
    OneLineField,
    TappedAtField,
    clean_token,
    date_field,
    token_field,
    whole_number_field,
)
from lib.limits import EARLIEST_DATE
from treatments.choices import DoseReason, Kind, Schedule, Severity, StopReason
from treatments.models import (
    MAX_TIMES_A_DAY,
    NAME_MAX,
    DoseLog,
    Treatment,
    TreatmentPeriod,
)

DOSE_ERRORS = {
    "invalid": "Enter the dose as a number, for example 10 or 2.5.",
    "min_value": "A dose cannot be negative. Enter 0 or more.",
    "max_digits": "That dose is too large. Check the number.",
    "max_whole_digits": "That dose is too large. Check the number.",
    "max_decimal_places": "Use at most two decimal places, for example 2.25.",
}
STOP_REASONS = [(c, label) for c, label in StopReason.choices if c != StopReason.DOSE_CHANGE]
SIDE_EFFECT_SEVERITIES = [(c, label) for c, label in Severity.choices if c != Severity.NONE]


def dose_field() -> forms.DecimalField:
    return forms.DecimalField(
        label="Dose",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text="Leave empty for a therapy or if you are not sure.",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": "0"}),
        error_messages=DOSE_ERRORS,
    )


def unit_field() -> OneLineField:
    return OneLineField(
        label="Unit",
        required=False,
        max_length=16,
        help_text="mg, ml, units, sessions…",
        widget=forms.TextInput(attrs={"list": "unit-suggestions", "autocomplete": "off"}),
    )


def suggested_name_field(label: str, suggestions: str, required: str) -> OneLineField:
    """A name picked from the page's list of suggestions (the datalist `suggestions`) or
    typed; `required` says what to enter when it is left empty."""
    return OneLineField(
        label=label,
        max_length=NAME_MAX,
        help_text="Pick from the list or type your own.",
        widget=forms.TextInput(attrs={"list": suggestions, "autocomplete": "off"}),
        error_messages={"required": required},
    )


class PatientDayForm(forms.Form):
    """A form whose dates are the patient's days: none before 1900, none in the future."""

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.today = patient.today()
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget.attrs.update(max=self.today.isoformat(), min=EARLIEST_DATE.isoformat())
                self.initial.setdefault(name, self.today)

    def past_day(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        if day is None:
            return None
        if day > self.today:
            raise forms.ValidationError(
                "That day has not happened yet. Pick today or a day before."
            )
        if day < EARLIEST_DATE:
            raise forms.ValidationError(
                f"That date is before {EARLIEST_DATE.year}. Check the year."
            )
        return day


class TreatmentForm(PatientDayForm):
    """A new treatment and how it is taken from the day it started."""

    name = suggested_name_field(
        "Name", "treatment-suggestions", "Enter the name of the medicine or therapy."
    )
    kind = forms.ChoiceField(
        label="What kind?", choices=Kind.choices, initial=Kind.MEDICINE, widget=forms.RadioSelect
    )
    dose = dose_field()
    unit = unit_field()
    schedule = forms.ChoiceField(
        label="How is it taken?",
        choices=Schedule.choices,
        initial=Schedule.REGULAR,
        widget=forms.RadioSelect,
    )
    times_a_day = whole_number_field(
        "Times a day",
        low=1,
        high=MAX_TIMES_A_DAY,
        help_text="Only for a regular schedule.",
        errors={
            "min_value": "At least once a day.",
            "max_value": f"At most {MAX_TIMES_A_DAY} times a day.",
            "invalid": "Enter a whole number, for example 3.",
        },
    )
    started = date_field("Started on")
    notes = NoteField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Treatment.objects.for_patient(self.patient).filter(name__iexact=name).exists():
            raise forms.ValidationError(
                "This treatment is already on your list. Change its dose there instead."
            )
        return name

    def clean_started(self) -> dt.date | None:
        return self.past_day("started")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("times_a_day") is not None and data.get("schedule") != Schedule.REGULAR:
            self.add_error(
                "times_a_day", "Only a regular schedule has times a day. Leave it empty."
            )
        return data


class PeriodDayForm(PatientDayForm):
    """A form about the treatment's current period, on a day no earlier than it began."""

    def __init__(self, *args, period: TreatmentPeriod, **kwargs):
        self.period = period
        super().__init__(*args, patient=period.treatment.patient, **kwargs)

    def clean_on(self) -> dt.date | None:
        day = self.past_day("on")
        if day is not None and day < self.period.started:
            began = f"{self.period.started:%d %B %Y}".lstrip("0")
            raise forms.ValidationError(
                f"That is before the start ({began}). Pick that day or later."
            )
        return day


class DoseChangeForm(PeriodDayForm):
    dose = dose_field()
    unit = unit_field()
    on = date_field("From")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("unit", self.period.unit)


class StopForm(PeriodDayForm):
    on = date_field("Stopped on")
    reason = forms.ChoiceField(
        label="Why did you stop?",
        choices=STOP_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a reason."},
    )


class SideEffectForm(PatientDayForm):
    what = suggested_name_field(
        "What did you notice?", "side-effect-suggestions", "Say what it was, for example dizziness."
    )
    severity = forms.ChoiceField(
        label="How bad?",
        choices=SIDE_EFFECT_SEVERITIES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how bad it was."},
    )
    date = date_field("On")

    def clean_what(self) -> str:
        return " ".join(self.cleaned_data["what"].split())

    def clean_date(self) -> dt.date | None:
        return self.past_day("date")


class DoseForm(forms.Form):
    """The home page's two taps: which treatment (kept in a hidden field), what it was for."""

    treatment = forms.ModelChoiceField(
        queryset=Treatment.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose one of the treatments shown."},
    )
    reason = forms.ChoiceField(
        choices=DoseReason.choices, error_messages={"required": "Choose what it was for."}
    )
    client_token = token_field()
    # Set by the phone when the dose was tapped with no connection and sent later.
    tapped_at = TappedAtField()

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treatment"].queryset = Treatment.objects.for_patient(patient).current()

    def clean_client_token(self) -> uuid.UUID | None:
        return clean_token(self.cleaned_data.get("client_token"))

    @staticmethod
    def new_token() -> uuid.UUID:
        return DoseLog.new_token()


def side_effect_question(treatment: Treatment) -> tuple[forms.Field, forms.Field]:
    """The check-in's short question about a new treatment: how bad, and what."""
    severity = forms.ChoiceField(
        label=f"Any side effects from {treatment.name}?",
        choices=[("", "Not sure"), *Severity.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text="Asked in the first four weeks of a new treatment or dose.",
    )
    what = OneLineField(
        label="What was it?",
        max_length=NAME_MAX,
        required=False,
        widget=forms.TextInput(attrs={"list": "side-effect-suggestions", "autocomplete": "off"}),
    )
    return severity, what
