from decimal import Decimal

from django import forms

from accounts.units import from_celsius, temperature_text, to_celsius
from lib.forms import YES_NO, OneLineField, is_yes, whole_number_field, yes_no_word
from lib.limits import MAX_STEPS, choose_a_number
from treatments.choices import COMMON_SIDE_EFFECTS, Severity
from treatments.forms import side_effect_question
from treatments.models import SideEffect, Treatment
from triggers.models import (
    SOURCED,
    Activity,
    CheckIn,
    Infection,
    OwnTrigger,
    Source,
    normalise_trigger_name,
)

SLEEP_HOURS_MESSAGE = "Enter the hours from 0 to 24, in half hours, for example 7.5."

# What a check-in records of its day, in the order the days file of an export has its
# columns (transfers reads this list). The form asks max_temp_c as max_temp, in the
# patient's unit.
CHECK_IN_ANSWERS = [
    "max_temp_c",
    "humidity_pct",
    "overheated",
    "sleep_hours",
    "sleep_quality",
    "infection",
    "fever",
    "activity",
    "steps",
    "stress",
]
NUMBERS_IF_YOU_HAVE_THEM = ["max_temp_c", "humidity_pct", "steps"]
# The form's field for each number the weather may fill.
ASKED_AS = {"max_temp_c": "max_temp", "humidity_pct": "humidity_pct"}


def yes_no_field(label: str, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=is_yes,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "pair"}),
        **kwargs,
    )


def scale_field(label: str, low: int, high: int, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(n, str(n)) for n in range(low, high + 1)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        help_text=help_text,
        error_messages={"invalid_choice": choose_a_number(low, high)},
    )


class CheckInForm(forms.ModelForm):
    """A day's check-in: every answer is a tap, every answer may be left out."""

    side_effect_suggestions = COMMON_SIDE_EFFECTS

    overheated = yes_no_field(
        "Did you get overheated?", help_text="Hot weather, a hot bath or shower, a hot room."
    )
    max_temp = forms.DecimalField(
        required=False,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
        error_messages={"invalid": "Enter a temperature, for example 27.5."},
    )
    # A number with − and + beside it (static/js/stepper.js); without JS, the number alone.
    sleep_hours = forms.DecimalField(
        label="Hours of sleep last night",
        required=False,
        help_text="The night that ended this morning.",
        error_messages={"invalid": SLEEP_HOURS_MESSAGE},
        widget=forms.NumberInput(
            attrs={
                "inputmode": "decimal",
                "step": "0.5",
                "min": "0",
                "max": "24",
                "data-stepper": "",
            }
        ),
    )
    sleep_quality = scale_field("How well did you sleep?", 1, 5, "1 very badly, 5 very well.")
    infection = forms.ChoiceField(
        label="Any infection?",
        choices=Infection.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    fever = yes_no_field("A fever?")
    activity = forms.ChoiceField(
        label="How active were you?",
        choices=Activity.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    stress = scale_field("Stress or low mood", 0, 10, "0 none, 10 the worst.")
    humidity_pct = whole_number_field(
        "Humidity (%)",
        low=0,
        high=100,
        errors={
            "min_value": "Humidity is a percentage from 0 to 100.",
            "max_value": "Humidity is a percentage from 0 to 100.",
            "invalid": "Enter a whole number from 0 to 100.",
        },
    )
    steps = whole_number_field(
        "Steps",
        low=0,
        high=MAX_STEPS,
        errors={
            "min_value": "Steps cannot be negative.",
            "max_value": "That many steps? Check the number.",
            "invalid": "Enter a whole number of steps.",
        },
    )

    # The taps first, as the page asks them, then the numbers it keeps under "Numbers, if
    # you have them": the list of problems above the form follows this order.
    field_order = [name for name in CHECK_IN_ANSWERS if name not in NUMBERS_IF_YOU_HAVE_THEM]

    class Meta:
        model = CheckIn
        fields = [name for name in CHECK_IN_ANSWERS if name != "max_temp_c"]

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fahrenheit = patient.uses_fahrenheit
        unit = "°F" if self.fahrenheit else "°C"
        self.fields["max_temp"].label = f"Highest temperature today ({unit})"
        self.own_triggers = list(OwnTrigger.objects.for_patient(patient))
        answers = {}
        if self.instance.pk:
            answers = {a.trigger_id: a.present for a in self.instance.tag_answers.all()}
            for name in ("overheated", "fever"):
                self.initial[name] = yes_no_word(getattr(self.instance, name))
            if self.instance.max_temp_c is not None:
                self.initial["max_temp"] = from_celsius(self.instance.max_temp_c, self.fahrenheit)
            # The weather's numbers (brought in by a file) are not the patient's to edit:
            # the field stays empty, says what fills it, and what they type wins.
            for name in SOURCED:
                if self.instance.from_weather(name):
                    self.initial[ASKED_AS[name]] = None
            if self.instance.sleep_hours is not None:
                self.initial["sleep_hours"] = f"{self.instance.sleep_hours.normalize():f}"
        for trigger in self.own_triggers:
            self.fields[f"tag_{trigger.pk}"] = yes_no_field(trigger.name)
            self.initial[f"tag_{trigger.pk}"] = yes_no_word(answers.get(trigger.pk))
        self._ask_about_side_effects(patient)

    def _ask_about_side_effects(self, patient) -> None:
        """One short question per treatment in its first weeks on this day."""
        day = self.instance.date
        self.new_treatments = list(Treatment.objects.for_patient(patient).new_on(day))
        known = SideEffect.objects.filter(treatment__in=self.new_treatments, date=day)
        earlier = {e.treatment_id: e for e in known.order_by("-id")}  # the first one wins
        for treatment in self.new_treatments:
            name = f"side_effect_{treatment.pk}"
            self.fields[name], self.fields[f"{name}_what"] = side_effect_question(treatment)
            if treatment.pk in earlier:
                self.initial[name] = earlier[treatment.pk].severity
                self.initial[f"{name}_what"] = earlier[treatment.pk].what

    def clean_sleep_hours(self) -> Decimal | None:
        """0 to 24 in half hours; a value saved before (an import's 7.3) may stay as it is."""
        hours = self.cleaned_data.get("sleep_hours")
        if hours is None or hours == self.instance.sleep_hours:
            return hours
        if not 0 <= hours <= 24 or hours * 2 != int(hours * 2):
            raise forms.ValidationError(SLEEP_HOURS_MESSAGE)
        return hours

    def clean_max_temp(self):
        value = self.cleaned_data.get("max_temp")
        if value is None:
            return None
        celsius = to_celsius(value, self.fahrenheit)
        if not Decimal(-60) <= celsius <= Decimal(60):
            raise forms.ValidationError(
                "That temperature is not plausible. Check the number and the unit."
            )
        return celsius

    def clean(self) -> dict:
        data = super().clean()
        for treatment in self.new_treatments:
            name = f"side_effect_{treatment.pk}"
            what = " ".join(data.get(f"{name}_what", "").split())
            data[f"{name}_what"] = what
            if data.get(name) not in ("", None, Severity.NONE) and not what:
                self.add_error(f"{name}_what", "Say what it was, for example dizziness.")
        return data

    def side_effect_answers(self) -> dict[Treatment, tuple[str, str]]:
        """(severity, what) for each new treatment answered; unanswered ones are left out."""
        answers = {}
        for treatment in self.new_treatments:
            name = f"side_effect_{treatment.pk}"
            if self.cleaned_data.get(name):
                answers[treatment] = (self.cleaned_data[name], self.cleaned_data[f"{name}_what"])
        return answers

    def side_effect_fields(self):
        return [
            (self[f"side_effect_{t.pk}"], self[f"side_effect_{t.pk}_what"])
            for t in self.new_treatments
        ]

    def tag_answers(self) -> dict[OwnTrigger, bool | None]:
        return {t: self.cleaned_data.get(f"tag_{t.pk}") for t in self.own_triggers}

    def check_in_fields(self) -> dict:
        """The answers to save. A number left empty keeps the weather's, if it had one;
        a number typed is the patient's own."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["max_temp_c"] = self.cleaned_data.get("max_temp")
        for name, source in SOURCED.items():
            if data[name] is None and self.instance.from_weather(name):
                del data[name]
            else:
                data[source] = Source.OWN
        return data

    @property
    def weather_temperature(self) -> str:
        """The weather's temperature this check-in holds, in the patient's unit; "" if
        the temperature is the patient's own or not there."""
        if not self.instance.from_weather("max_temp_c"):
            return ""
        return temperature_text(self.instance.max_temp_c, self.fahrenheit)

    def tag_fields(self):
        return [self[f"tag_{t.pk}"] for t in self.own_triggers]


class OwnTriggerForm(forms.ModelForm):
    class Meta:
        model = OwnTrigger
        fields = ["name"]
        field_classes = {"name": OneLineField}
        labels = {"name": "Name a trigger of your own"}
        help_texts = {"name": "For example tight clothing, period, coffee, a long drive."}

    def __init__(self, *args, patient, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient

    def clean_name(self) -> str:
        # The model's validators (run next) check the characters and the colon.
        name = normalise_trigger_name(self.cleaned_data["name"])
        if OwnTrigger.objects.for_patient(self.patient).filter(name__iexact=name).exists():
            raise forms.ValidationError("You already have a trigger with this name.")
        return name
