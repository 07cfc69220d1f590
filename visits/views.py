import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from lib.http import attachment
from sharing.access import Journal, journal_view
from visits.data import VisitSummary, default_range, visit_prep, visit_summary
from visits.forms import PrepForm, RangeForm
from visits.models import VisitPrep
from visits.sections import printed


def _period(request: HttpRequest, journal: Journal, prep: VisitPrep):
    """The range asked for in the query string, else the default; and the form to show."""
    start, end = default_range(journal.patient, prep)
    form = RangeForm(
        request.GET if "start" in request.GET else None, initial={"start": start, "end": end}
    )
    if form.is_bound and form.is_valid():
        start, end = form.period()
    return form, start, end


def _summary_asked(request: HttpRequest, journal: Journal) -> tuple[VisitSummary, dt.date, dt.date]:
    """The summary of the range asked for, the visit preparation read once for both."""
    prep = visit_prep(journal.patient)
    _, start, end = _period(request, journal, prep)
    return visit_summary(journal.patient, start, end, prep), start, end


@require_safe
@journal_view("view")
def summary(request: HttpRequest, journal: Journal) -> HttpResponse:
    prep = visit_prep(journal.patient)
    form, start, end = _period(request, journal, prep)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "prep_form": PrepForm(instance=prep),
        "query": f"start={start}&end={end}",
    }
    return render(request, "visits/summary.html", context)


@require_POST
@journal_view("log")
def summary_prepare(request: HttpRequest, journal: Journal) -> HttpResponse:
    prep = visit_prep(journal.patient)
    # The range as saved, before the form puts what was typed on `prep`.
    range_form, start, end = _period(request, journal, prep)
    form = PrepForm(request.POST, instance=prep)
    if form.is_valid():
        form.save()
        messages.success(request, "Saved for the visit.")
        return redirect("summary", journal.key)
    context = {
        "form": range_form,
        "start": start,
        "end": end,
        "prep_form": form,
        "query": f"start={start}&end={end}",
    }
    return render(request, "visits/summary.html", context)


@require_safe
@journal_view("view")
def summary_print(request: HttpRequest, journal: Journal) -> HttpResponse:
    found, _, _ = _summary_asked(request, journal)
    return render(request, "visits/print.html", printed(found))


@require_safe
@journal_view("view")
def summary_download(request: HttpRequest, journal: Journal) -> HttpResponse:
    from visits.pdf import summary_pdf  # reportlab loads with the first PDF, not the URLs

    found, start, end = _summary_asked(request, journal)
    response = HttpResponse(summary_pdf(found), content_type="application/pdf")
    return attachment(response, f"ms-journal-summary-{start}-to-{end}.pdf")
