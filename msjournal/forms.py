from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting

from msjournal.text import validate_note, validate_one_line

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
