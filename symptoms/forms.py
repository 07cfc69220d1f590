import uuid
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from lib.forms import (
    YES_NO,
    DateRangeForm,
    NoteField,
    OneLineField,
    TappedAtField,
    clean_token,
    is_yes,
    token_field,
    whole_number_field,
    yes_no_word,
)
from lib.limits import EARLIEST_DATE, FUTURE_TOLERANCE, validate_not_before_earliest
from symptoms.body_map import VIEWS, WORD_ONLY, body_map_drawing
from symptoms.choices import (
    INTERFERENCE_AREAS,
    QUICK_REGION_MAP,
    SENSATIONS_BY_TYPE,
    SPASM_RELIEF,
    EntryKind,
    HappenedBefore,
    Helped,
    Onset,
    PainType,
    Pattern,
    Region,
    Relief,
    Sensation,
    Worsened,
)
from symptoms.models import MAX_MINUTES, PAIN_ONLY, SPASM_ONLY, Entry

SEVERITY_CHOICES = [(n, str(n)) for n in range(11)]
SEVERITY_ERRORS = {
    "required": "Choose a number from 0 (none) to 10 (worst you can imagine).",
    "invalid_choice": "Severity is a number from 0 (none) to 10 (worst you can imagine).",
}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def severity_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SEVERITY_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages=SEVERITY_ERRORS,
        help_text="0 is none, 10 is the worst you can imagine.",
    )


def codes_field(
    label: str, choices, *, required: bool = False, widget=None, **kwargs
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=widget or forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
        error_messages={"invalid_choice": "%(value)s is not one of the choices on the list."},
        **kwargs,
    )


def not_sure_field(label: str, choices, **kwargs) -> forms.TypedChoiceField:
    """A radio question whose first answer, "Not sure", leaves it unanswered."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Not sure"), *choices],
        required=False,
        widget=forms.RadioSelect,
        **kwargs,
    )


class BodyMapWidget(forms.CheckboxSelectMultiple):
    """The regions as spots on the body map (symptoms/body_map.py), each a labelled
    checkbox; one tap turns the same checkboxes into a plain list, without JavaScript."""

    template_name = "symptoms/_body_map.html#picker"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = {o["value"]: o for _, group, _ in context["widget"]["optgroups"] for o in group}
        context["views"] = [
            (view, [(spot, options[spot.region]) for spot in view.spots]) for view in VIEWS
        ]
        context["words"] = [options[region] for region in WORD_ONLY]
        return context | body_map_drawing()


def regions_field(label: str, *, required: bool = False) -> forms.MultipleChoiceField:
    return codes_field(label, Region.choices, required=required, widget=BodyMapWidget)


class WhenField(forms.DateTimeField):
    """A local date and time from the phone's own picker, never in the future."""

    # The phone's picker offers nothing before 1900 either.
    widget = forms.DateTimeInput(
        attrs={"type": "datetime-local", "min": f"{EARLIEST_DATE}T00:00"}, format=DATETIME_FORMAT
    )
    default_error_messages = {
        "invalid": "Enter a date and time, for example 2026-03-14 08:30.",
        "required": "Say when it happened.",
    }

    default_validators = [validate_not_before_earliest]

    def clean(self, value):
        when = super().clean(value)  # runs the validators: year 1 stops here, before saving
        if when is not None and when > timezone.now() + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                "That time is in the future. Pick a time that has passed.", code="future"
            )
        return when


class EntryForm(forms.ModelForm):
    """What every entry has: when, where, how bad, notes."""

    occurred_at = WhenField(label="When")
    regions = regions_field("Where", required=True)
    client_token = token_field()

    class Meta:
        model = Entry
        fields = ["occurred_at", "regions", "severity"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = {
            "notes": NoteField,
            "interference_example": NoteField,
            "before_when": OneLineField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].error_messages["required"] = "Choose at least one place."
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )
            self.initial.setdefault("client_token", str(uuid.uuid4()))
        if self.instance.pk is not None:
            del self.fields["client_token"]
        self.fields["occurred_at"].widget.attrs["max"] = timezone.localtime().strftime(
            DATETIME_FORMAT
        )

    def clean_client_token(self) -> uuid.UUID | None:
        return clean_token(self.cleaned_data.get("client_token"))

    def add_error(self, field, error) -> None:
        """Say each problem once. The model's clean() checks again what the form's own
        fields already refused (no place, no kind of pain): its word on a field that
        already has one is dropped, so no message is shown twice."""
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            fresh = {f: e for f, e in error.error_dict.items() if not self._errors.get(f)}
            if not fresh:
                return
            error = ValidationError(fresh)
        super().add_error(field, error)

    def entry_fields(self) -> dict:
        """The cleaned values that go onto the Entry (not the form's own token)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "client_token"}


class SpasmForm(EntryForm):
    kind = EntryKind.SPASM
    severity = severity_field("How bad was it?")
    duration_minutes = whole_number_field(
        "How long did it last (minutes)?",
        low=0,
        high=MAX_MINUTES,
        help_text="0 if under a minute.",
        errors={
            "min_value": "Minutes cannot be negative.",
            "max_value": "Longer than a day? Log it as separate spasms, or put it in the notes.",
            "invalid": "Enter a whole number of minutes.",
        },
    )
    painful = not_sure_field("Was it painful?", YES_NO, coerce=is_yes, empty_value=None)
    tried = codes_field("What did you try?", [(c.value, c.label) for c in SPASM_RELIEF])
    helped = not_sure_field("Did it help?", Helped.choices)

    class Meta(EntryForm.Meta):
        fields = EntryForm.Meta.fields + [*SPASM_ONLY, "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["painful"] = yes_no_word(self.instance.painful)


def interference_field(area: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=area.capitalize(),
        choices=[("", "—")] + SEVERITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a number from 0 to 10, or leave it empty."},
    )


class PainForm(EntryForm):
    kind = EntryKind.PAIN
    severity = severity_field("How strong is the pain?")
    pain_type = forms.ChoiceField(
        label="What kind of pain?",
        choices=PainType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of pain."},
    )
    sensations = codes_field("What does it feel like?", Sensation.choices)
    pattern = not_sure_field("How does it come?", Pattern.choices)
    onset = not_sure_field("How did it start?", Onset.choices)
    with_new_symptoms = forms.BooleanField(
        label="It started together with other new symptoms, or old ones came back suddenly",
        required=False,
        help_text="For example new numbness, weakness, blurred sight or trouble walking.",
    )
    relieved_by = codes_field("What eases it?", Relief.choices)
    worsened_by = codes_field("What makes it worse?", Worsened.choices)
    happened_before = not_sure_field("Has it happened before?", HappenedBefore.choices)

    class Meta(EntryForm.Meta):
        fields = EntryForm.Meta.fields + ["pain_type", *PAIN_ONLY, "notes"]
        widgets = {
            **EntryForm.Meta.widgets,
            "interference_example": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"before_when": "If so, when?"}
        help_texts = {
            "interference_example": 'In your words, e.g. "two hours to fall asleep", '
            '"can only sit for 20 minutes".',
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in INTERFERENCE_AREAS:
            self.fields[f"interference_{area}"] = interference_field(area)


class ButtonField(forms.Field):
    """The value of one of a fixed set of buttons a page draws itself (a quick log's
    places, kinds of pain and severities): checked against the set, nothing else.

    A ChoiceField would do the same, at the price of copying and walking its list of
    choices on every tap; the buttons are drawn from the same lists, not from the field.
    """

    widget = forms.HiddenInput
    default_error_messages = {"invalid_choice": "Choose one of the buttons shown."}

    def __init__(self, values, *, coerce: Callable = str, **kwargs):
        super().__init__(**kwargs)
        self.values = frozenset(str(value) for value in values)
        self.coerce = coerce

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)

    def validate(self, value) -> None:
        super().validate(value)
        if value and value not in self.values:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = super().clean(value)
        return self.coerce(value) if value else value


class QuickLogForm(forms.Form):
    """A quick log's last tap: the place and the severity, from buttons."""

    kind: str
    region = ButtonField(
        QUICK_REGION_MAP,
        error_messages={
            "invalid_choice": "Choose one of the places shown.",
            "required": "Choose a place.",
        },
    )
    severity = ButtonField(
        [value for value, _ in SEVERITY_CHOICES], coerce=int, error_messages=SEVERITY_ERRORS
    )
    client_token = token_field()
    tapped_at = TappedAtField()

    def clean_client_token(self) -> uuid.UUID | None:
        return clean_token(self.cleaned_data.get("client_token"))

    def entry_fields(self) -> dict:
        return {
            "kind": self.kind,
            "regions": [str(code) for code in QUICK_REGION_MAP[self.cleaned_data["region"]][1]],
            "severity": self.cleaned_data["severity"],
            "occurred_at": self.cleaned_data["tapped_at"] or timezone.now(),
        }


class QuickSpasmForm(QuickLogForm):
    """The three-tap log: a region button, then a severity button."""

    kind = EntryKind.SPASM


class QuickPainForm(QuickLogForm):
    """The four-tap log: the kind of pain, a region button, then a severity button."""

    kind = EntryKind.PAIN
    pain_type = ButtonField(
        PainType.values,
        error_messages={
            "invalid_choice": "Choose one of the kinds of pain shown.",
            "required": "Choose the kind of pain.",
        },
    )

    def entry_fields(self) -> dict:
        return super().entry_fields() | {"pain_type": self.cleaned_data["pain_type"]}


def interference_scale(area: str) -> forms.TypedChoiceField:
    """A row of 0–10 buttons for one area of daily life; left alone, it is not rated."""
    return forms.TypedChoiceField(
        label=area.capitalize(),
        choices=SEVERITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages={"invalid_choice": "Choose a number from 0 to 10, or leave it."},
    )


class PainStepForm(forms.ModelForm):
    """One short, optional step of the pain checklist, saved onto an entry already made."""

    title: str
    hint = ""  # a line under the title, where the fields need it

    class Meta:
        model = Entry
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # The page's heading already asks this: it is said once, and the field keeps its
            # label for screen readers (forms/field.html).
            field.label_hidden = field.label == self.title


class PainFeelsForm(PainStepForm):
    title = "What does it feel like?"
    sensations = codes_field("Tick any that fit", Sensation.choices)

    class Meta(PainStepForm.Meta):
        fields = ["sensations"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the feelings of this kind of pain, so none can be refused on saving.
        allowed = SENSATIONS_BY_TYPE.get(self.instance.pain_type, [])
        self.fields["sensations"].choices = [(c.value, c.label) for c in allowed]


class PainPatternForm(PainStepForm):
    title = "How does it come?"
    pattern = not_sure_field("How does it come?", Pattern.choices)
    onset = not_sure_field("How did it start?", Onset.choices)

    class Meta(PainStepForm.Meta):
        fields = ["pattern", "onset"]


class PainNewSymptomsForm(PainStepForm):
    title = "New or returning symptoms?"
    with_new_symptoms = not_sure_field(
        "Did other new symptoms start with it, or old ones come back suddenly?",
        YES_NO,
        coerce=is_yes,
        empty_value=False,
        help_text="For example new numbness, weakness, blurred sight or trouble walking.",
    )

    class Meta(PainStepForm.Meta):
        fields = ["with_new_symptoms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["with_new_symptoms"] = yes_no_word(self.instance.with_new_symptoms or None)


class PainInterferenceForm(PainStepForm):
    title = "What does it stop you doing?"
    hint = "0: it does not stop you at all. 10: it stops you completely. Skip any you cannot judge."

    class Meta(PainStepForm.Meta):
        fields = [f"interference_{area}" for area in INTERFERENCE_AREAS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in INTERFERENCE_AREAS:
            self.fields[f"interference_{area}"] = interference_scale(area)


def asked_as_on_the_full_form(name: str) -> forms.Field:
    """A question of the full pain form, with its words and choices: a step that asks it
    too asks it the same way, so an answer means one thing wherever it was given."""
    return PainForm.base_fields[name]


class PainEasesForm(PainStepForm):
    title = "What eases it?"
    relieved_by = asked_as_on_the_full_form("relieved_by")

    class Meta(PainStepForm.Meta):
        fields = ["relieved_by"]


class PainWorseForm(PainStepForm):
    title = "What makes it worse?"
    worsened_by = asked_as_on_the_full_form("worsened_by")

    class Meta(PainStepForm.Meta):
        fields = ["worsened_by"]


class PainBeforeForm(PainStepForm):
    title = "Has it happened before?"
    happened_before = asked_as_on_the_full_form("happened_before")
    before_when = asked_as_on_the_full_form("before_when")

    class Meta(PainStepForm.Meta):
        fields = ["happened_before", "before_when"]


class PainExampleForm(PainStepForm):
    title = "Can you give an example?"
    interference_example = asked_as_on_the_full_form("interference_example")

    class Meta(PainStepForm.Meta):
        fields = ["interference_example"]


# The optional steps after a quick pain log, by the name in their address, in the order
# a neurologist asks them (the full form's): what it is like, how it came, what came with
# it, what changes it, whether it is new, and what it stops.
PAIN_STEPS: dict[str, type[PainStepForm]] = {
    "feels": PainFeelsForm,
    "pattern": PainPatternForm,
    "new": PainNewSymptomsForm,
    "eases": PainEasesForm,
    "worse": PainWorseForm,
    "before": PainBeforeForm,
    "interference": PainInterferenceForm,
    "example": PainExampleForm,
}


class HistoryFilterForm(DateRangeForm):
    kind = forms.ChoiceField(
        label="Show", choices=[("", "Everything")] + EntryKind.choices, required=False
    )
    regions = regions_field("Where (any of these)")

    field_order = ["kind", "start", "end", "regions"]
