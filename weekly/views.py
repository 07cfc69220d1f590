import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from lib.forms import yes_no_word
from lib.limits import date_in_range
from lib.rules import WEEK, week_start
from sharing.access import Journal, journal_view
from weekly import charts
from weekly.data import load_review
from weekly.digest import last_full_week


@require_safe
@journal_view("view")
def week(request: HttpRequest, journal: Journal, day: dt.date | None = None) -> HttpResponse:
    """One Monday-to-Sunday week of the patient's journal, in the patient's time zone.

    Without a day it opens on the last complete week: a week just begun would compare a
    day or two with four full weeks. This week, so far, is one tap away.
    """
    last_week = last_full_week(journal.patient)
    this_week = last_week + WEEK
    start = week_start(day) if day else last_week
    if day and day != start:
        return redirect("week_of", journal.key, start)
    if start > this_week:
        raise Http404("That week has not started yet")
    summary = load_review(journal.patient, start)
    context = {
        "review": summary,
        "previous_week": start - WEEK if date_in_range(start - WEEK) else None,
        "next_week": start + WEEK if start < this_week else None,
        "is_this_week": start == this_week,
        "this_week": this_week,
        "spasm_chart": charts.spasms(summary.days, timezone.localdate()),
        "pain_chart": charts.pain(summary.days),
        "trigger_chart": charts.triggers(summary.days),
        "pain_kinds": list(charts.PAIN_COLOURS),
        "table_heads": TABLE_HEADS,
        "table": _table(summary.days),
    }
    return render(request, "weekly/week.html", context)


TABLE_HEADS = [
    "Day",
    "Spasms",
    "Worst spasm",
    *charts.PAIN_COLOURS,
    *charts.WEEK_TRIGGERS.values(),
    "Frequency score",
]


def _table(rows) -> list[list]:
    """The charts' numbers, one row a day, for the table that stands in for them."""
    return [
        [
            date_format(row.date, "D j") + ("" if row.recorded else " (not recorded)"),
            row.spasm_count if row.recorded else "–",
            row.spasm_max if row.spasm_max is not None else "–",
            *[row.pain_by_type.get(kind, "–") for kind in charts.PAIN_COLOURS],
            *[yes_no_word(row.triggers.get(key), "–") for key in charts.WEEK_TRIGGERS],
            row.frequency_score or "–",
        ]
        for row in rows
    ]
