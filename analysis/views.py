"""The analysis's pages: symptoms against triggers, and did a treatment help?"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import default_if_none, floatformat, yesno
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from accounts.units import temperature_text
from analysis import charts
from analysis.days import journal_days, journal_for_treatments
from analysis.explore import MAX_POINTS, SERIES, table_rows, timeline
from analysis.explore_figure import figure_json
from analysis.forms import DEFAULT_DAYS, MIN_DAYS, ExploreRangeForm, RangeForm, presets
from analysis.insights import findings_picture, lead_cards, trigger_cards
from analysis.report import trigger_report
from analysis.stats.periods import MAX_SPAN_DAYS
from analysis.treatment_charts import before_after
from sharing.access import Journal, journal_view
from treatments.models import Treatment

if TYPE_CHECKING:
    from collections.abc import Iterable

    from analysis.stats.associations import Day
    from analysis.stats.treatment_effects import ChangeReport


CHART_DAYS = 56  # eight weeks: enough to see a pattern, few enough to read on a phone
TABLE_HEADS = ["Date", "Spasms", "Worst pain", "Sleep (h)", "Hot", "Infection"]


@require_safe
@journal_view("view")
def insights(request: HttpRequest, journal: Journal) -> HttpResponse:
    """Symptoms against triggers: the few clearest findings first, the rest one tap away."""
    form = RangeForm(request.GET or None)
    span = form.cleaned_data["days"] if form.is_valid() else RangeForm.base_fields["days"].initial
    last = timezone.localdate()
    first = last - dt.timedelta(days=span - 1)
    report = trigger_report(journal_days(journal.patient, first, last))
    whole_range = request.GET.get("chart") == "all" or span <= CHART_DAYS
    chart_first = first if whole_range else last - dt.timedelta(days=CHART_DAYS - 1)
    patient = journal.patient
    cards = trigger_cards(
        report, heat_threshold=temperature_text(patient.heat_threshold_c, patient.uses_fahrenheit)
    )
    leads = lead_cards(cards)
    context = {
        "form": form,
        "span": span,
        "report": report,
        "cards": cards,
        "leads": leads,
        "unclear": [c for c in cards if c.enough_data and not c.stands_out],
        "too_few": [c for c in cards if not c.enough_data],
        "more_standing_out": sum(1 for c in cards if c.stands_out) - len(leads),
        "findings_picture": findings_picture(leads),
        "timeline": charts.timeline(report.days, chart_first, last),
        "chart_first": chart_first,
        "whole_range": whole_range,
        "table_heads": TABLE_HEADS,
        "table": _table(d for d in reversed(report.days) if d.date >= chart_first),
    }
    return render(request, "analysis/insights.html", context)


def _table(days: Iterable[Day]) -> list[list]:
    """The timeline's numbers, one row a recorded day, for the table that stands in for it."""
    return [
        [
            date_format(day.date, "D j M"),
            floatformat(day.outcomes["spasm_count"], 0),
            floatformat(day.outcomes["pain_max"], 0),
            default_if_none(day.continuous["sleep_hours"], "–"),
            yesno(day.binary["heat"], "yes,no,–"),
            yesno(day.binary["infection"], "yes,no,–"),
        ]
        for day in days
    ]


def _described(report: ChangeReport) -> dict:
    from analysis.treatment_wording import describe_change

    return {
        "report": report,
        "sentences": [(r, describe_change(report, r)) for r in report.results],
    }


@require_safe
@journal_view("view")
def treatment_effect(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    # The statistics (numpy, the model fitting) load with the first analysis, not the URLs.
    from analysis.stats.treatment_effects import treatment_effects

    treatment = get_object_or_404(Treatment.objects.for_patient(journal.patient), pk=pk)
    loaded = journal_for_treatments(journal.patient)
    # Every treatment's changes are compared, so the multiple-comparison step counts them
    # all, as the command and the visit summary do; this page shows one treatment's.
    reports = [
        r for r in treatment_effects(loaded.days, loaded.periods) if r.change.key[0] == treatment.pk
    ]
    periods = [p for p in loaded.periods if p.treatment_id == treatment.pk]
    first = min((p.started for p in periods), default=loaded.last)
    first = max(first - dt.timedelta(days=MAX_SPAN_DAYS // 3), loaded.first or first)
    context = {
        "treatment": treatment,
        "changes": [_described(r) for r in reversed(reports)],  # newest first
        "figure": before_after(loaded.days, periods, first, loaded.last) if periods else None,
        "days": [d for d in reversed(loaded.days) if d.date >= first],
        "periods": sorted(periods, key=lambda p: p.started, reverse=True),
    }
    return render(request, "analysis/effect.html", context)


@require_safe
@journal_view("view")
def explore(request: HttpRequest, journal: Journal) -> HttpResponse:
    """Symptoms and the triggers' inputs on one timeline, over any range: the server's
    charts and table first; with `as=figure`, the same range as plotly's figure (JSON),
    which the page's script asks for when the person wants to zoom and explore."""
    patient = journal.patient
    asked = request.GET if request.GET.keys() & {"start", "end"} else None
    form = ExploreRangeForm(asked, today=patient.today())
    start, last = form.period()
    loaded = journal_days(patient, start, last)
    # "From the first day" is the first recorded one; a range is never under a week.
    opening = last - dt.timedelta(days=DEFAULT_DAYS - 1)
    first = start or min((d.date for d in loaded.days), default=opening)
    first = min(first, last - dt.timedelta(days=MIN_DAYS - 1))
    points = timeline(loaded.days, loaded.periods, first, last, patient.uses_fahrenheit)
    if request.GET.get("as") == "figure":
        return HttpResponse(figure_json(points), content_type="application/json")
    figure_query = QueryDict(mutable=True)
    figure_query.update({"start": first.isoformat(), "end": last.isoformat(), "as": "figure"})
    context = {
        "form": form,
        "presets": presets(patient.today()),
        "points": points,
        "max_points": MAX_POINTS,
        "charts": charts.explore(points),
        "figure_query": figure_query.urlencode(),
        "table_heads": ["Week" if points.weekly else "Date", *(s.label for s in SERIES)],
        "table": table_rows(points),
    }
    return render(request, "analysis/explore.html", context)
