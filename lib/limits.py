"""The ranges every way into the journal shares: forms, URLs, the import and the models.

One place for them, so a value a form refuses is refused by the import too, and a date a
URL accepts is one every page can draw without overflowing.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from lib.text import validate_note

# Nothing in a journal is dated before this: older dates are typing slips, and keeping
# well clear of year 1 means converting between time zones can never overflow.
EARLIEST_DATE = dt.date(1900, 1, 1)
# Far-future bound for dates in URLs and filters (today is checked separately where the
# future itself is refused): comfortably inside what datetime can shift by a time zone.
LATEST_DATE = dt.date(9000, 12, 31)

# Phones and servers disagree by a few seconds; a "now" from the phone must not be
# refused as being in the future.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)

MAX_STEPS = 200_000
OWN_TRIGGER_NAME_MAX = 40


def choose_a_number(low, high) -> str:
    """The words every form and the import use for a number outside its range."""
    return f"Choose a number from {low:,} to {high:,}."


def validate_not_before_earliest(value: dt.date | dt.datetime) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < EARLIEST_DATE:
        raise ValidationError(
            f"That date is before {EARLIEST_DATE.year}. Check the year.", code="too_early"
        )


def validate_not_after_latest(value: dt.date) -> None:
    if value > LATEST_DATE:
        raise ValidationError(
            f"That date is after {LATEST_DATE.year}. Check the year.", code="too_late"
        )


def date_in_range(value: dt.date) -> bool:
    """Whether a date from a URL or a filter is one the pages can work with."""
    return EARLIEST_DATE <= value <= LATEST_DATE


# The journal's first migrations name the notes' rule by this name.
validate_no_control_characters = validate_note


def refuse_rows_outside_limits(app_label: str, model_name: str, outside, what: str):
    """A migration step that stops, saying what to fix, if old rows break a new limit.

    Adding a constraint over such rows would fail with a bare database error; this names
    the rows instead, so whoever runs the server can correct or remove them first.
    """

    def check(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        found = list(model.objects.filter(outside).values_list("pk", flat=True)[:20])
        if found:
            raise RuntimeError(
                f"{model_name} rows with {what} (ids {', '.join(map(str, found))}…): correct "
                "or delete them, then run migrate again. Nothing was changed."
            )

    return check
