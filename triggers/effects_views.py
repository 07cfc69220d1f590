"""Did it help? The before/after page of one treatment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from sharing.access import Journal, journal_view
from treatments.models import Treatment
from triggers.days import journal_for_treatments
from triggers.treatment_charts import before_after

if TYPE_CHECKING:
    from triggers.treatment_effects import ChangeReport


def _described(report: ChangeReport) -> dict:
    from triggers.treatment_wording import describe_change

    return {
        "report": report,
        "sentences": [(r, describe_change(report, r)) for r in report.results],
    }


@require_safe
@journal_view("view")
def treatment_effect(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    # The statistics (numpy, the model fitting) load with the first analysis, not the URLs.
    from triggers.treatment_effects import MAX_SPAN_DAYS, treatment_effects

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
    return render(request, "treatments/effect.html", context)
