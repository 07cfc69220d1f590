import datetime as dt

from django import forms

from lib.forms import DateRangeForm


class RangeForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Show the last",
        choices=[(30, "30 days"), (90, "90 days"), (365, "year")],
        coerce=int,
        initial=90,
        error_messages={"invalid_choice": "Choose 30 days, 90 days or a year."},
    )


# Explore's ready-made ranges, each ending today: (label, days; None: the whole journal).
PRESETS = [("Week", 7), ("Month", 30), ("3 months", 91), ("Year", 365), ("All", None)]
DEFAULT_DAYS = 91
MIN_DAYS = 7


class ExploreRangeForm(DateRangeForm):
    """From and To for Explore: at least a week, ending today at the latest. From left
    empty: from the journal's first day; To left empty: today."""

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def range_problem(self, start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
        if end and end > self.today:
            return "end", "That day has not happened yet."
        if problem := super().range_problem(start, end):
            return problem
        if start and (end or self.today) - start < dt.timedelta(days=MIN_DAYS - 1):
            return (
                "start",
                f"Choose at least a week: a From day {MIN_DAYS - 1} days or more before To.",
            )
        return None

    def period(self) -> tuple[dt.date | None, dt.date]:
        """The range asked for; the last three months when nothing valid was asked."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"] or self.today
        return self.today - dt.timedelta(days=DEFAULT_DAYS - 1), self.today


def presets(today: dt.date) -> list[tuple[str, str]]:
    """Each ready-made range as (label, query string)."""
    return [
        (
            label,
            f"start={today - dt.timedelta(days=days - 1)}&end={today}"
            if days
            else f"start=&end={today}",
        )
        for label, days in PRESETS
    ]
