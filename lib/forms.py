import datetime as dt
import uuid

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

from lib.limits import (
    EARLIEST_DATE,
    FUTURE_TOLERANCE,
    LATEST_DATE,
    validate_not_after_latest,
    validate_not_before_earliest,
)
from lib.text import validate_note, validate_one_line

# What every e-mail column holds (RFC 5321's limit for an address); Django's form field
# would take 320, and PostgreSQL would refuse the row, SQLite keep it too long.
EMAIL_MAX_LENGTH = 254


class FormRenderer(TemplatesSetting):
    """Every field renders through one template: label, help, error, then the input."""

    field_template_name = "forms/field.html"


# A yes/no question is two radio buttons whose values are these words; leaving it
# unanswered is "not recorded", never "no".
YES_NO = [("yes", "Yes"), ("no", "No")]


def is_yes(word: str) -> bool:
    """The answer a yes/no radio sent (a TypedChoiceField's coerce)."""
    return word == "yes"


def yes_no_word(answer: bool | None, unanswered: str = "") -> str:
    """An answer as its radio value: the initial of a yes/no field, or a table cell."""
    return {True: "yes", False: "no"}.get(answer, unanswered)


def _said_once(field: forms.CharField, *replaced: type) -> None:
    # Django's own check for NUL (and, for addresses, its length) would say again, in
    # other words, what our rule already says about the same value.
    field.validators = [v for v in field.validators if not isinstance(v, replaced)]


class OneLineField(forms.CharField):
    """A name, a unit, a short answer: one line of visible text, or a message by the field."""

    default_validators = [validate_one_line]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _said_once(self, ProhibitNullCharactersValidator)


class NoteField(forms.CharField):
    """Free text over several lines: line breaks and tabs, no other control characters."""

    default_validators = [validate_note]
    widget = forms.Textarea

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        _said_once(self, ProhibitNullCharactersValidator)


def hold_email_address(field: forms.EmailField) -> forms.EmailField:
    """An address field (ours or allauth's) held to what the database keeps: one line,
    at most EMAIL_MAX_LENGTH characters, said by the field and never cut.

    The input gets no maxlength: a browser would cut a longer pasted address silently.
    """
    _said_once(field, ProhibitNullCharactersValidator, MaxLengthValidator)
    field.max_length = EMAIL_MAX_LENGTH
    field.validators += [
        validate_one_line,
        MaxLengthValidator(
            EMAIL_MAX_LENGTH,
            message=(
                f"An e-mail address has at most {EMAIL_MAX_LENGTH} characters; this one has "
                "%(show_value)d. Check the address."
            ),
        ),
    ]
    field.widget.attrs.pop("maxlength", None)
    return field


class EmailAddressField(forms.EmailField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        hold_email_address(self)


def token_field() -> forms.CharField:
    return forms.CharField(widget=forms.HiddenInput, required=False)


def clean_token(value: str) -> uuid.UUID | None:
    """A token that was tampered with just means no protection against doubles."""
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


# How far back a tap kept on a phone without a connection may still be sent: a month
# covers a long stay in hospital; anything older is more likely a phone's wrong clock and
# is better logged with the full form, choosing the time.
TAPPED_AT_MAX_AGE = dt.timedelta(days=30)


class TappedAtField(forms.DateTimeField):
    """The moment of a tap, from a phone that kept it while it had no connection.

    An ISO 8601 time with its UTC offset (2026-03-14T08:30:00+01:00). Left out, the
    entry is dated when it arrives, as every tap sent straight away is.
    """

    default_error_messages = {
        "invalid": "The time this was tapped could not be read. Log it again.",
    }

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def clean(self, value):
        when = super().clean(value)
        if when is None:
            return None
        now = timezone.now()
        if when > now + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                "This was tapped at a time in the future: check the clock on the phone, "
                "then log it again.",
                code="future",
            )
        if when < now - TAPPED_AT_MAX_AGE:
            raise forms.ValidationError(
                f"This was tapped more than {TAPPED_AT_MAX_AGE.days} days ago, too long to "
                "send as a quick log. Log it with all the details and choose the time.",
                code="too_old",
            )
        return when


def whole_number_field(
    label: str, *, low: int, high: int, errors: dict[str, str], help_text: str = ""
) -> forms.IntegerField:
    """An optional whole number from low to high, typed on a phone's number pad; `errors`
    says, in the field's own words, what is too low, too high or not a number."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=errors,
    )


def date_field(label: str, **kwargs) -> forms.DateField:
    """A day of the journal: a real date, inside the range the journal covers."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST_DATE, "max": LATEST_DATE}, format="%Y-%m-%d"
        ),
        error_messages={"invalid": "Enter a date like 2026-03-14.", "required": "Enter a date."},
        validators=[validate_not_before_earliest, validate_not_after_latest],
        **kwargs,
    )


class DateRangeForm(forms.Form):
    """A From and a To day, the To not before the From; either may be left out."""

    start = date_field("From", required=False)
    end = date_field("To", required=False)

    def clean(self):
        data = super().clean()
        if problem := self.range_problem(data.get("start"), data.get("end")):
            self.add_error(*problem)
        return data

    def range_problem(self, start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
        """(field, message) for a range to refuse; a subclass may refuse more."""
        if start and end and end < start:
            return "end", "The end date is before the start date."
        return None
