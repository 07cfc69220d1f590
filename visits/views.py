from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from msjournal.http import attachment
from sharing.access import Journal, journal_view
from visits.data import default_range, visit_summary
from visits.forms import PrepForm, RangeForm
from visits.models import VisitPrep
from visits.sections import patient_line, sections


def _period(request: HttpRequest, journal: Journal):
    """The range asked for in the query string, else the default; and the form to show."""
    start, end = default_range(journal.patient)
    form = RangeForm(
        request.GET if "start" in request.GET else None, initial={"start": start, "end": end}
    )
    if form.is_bound and form.is_valid():
        start, end = form.period()
    return form, start, end


def _prep(journal: Journal) -> VisitPrep:
    """What the patient prepared for the visit, or a blank one to fill in."""
    return VisitPrep.objects.for_patient(journal.patient).first() or VisitPrep(
        patient=journal.patient
    )


@require_safe
@journal_view("view")
def summary(request: HttpRequest, journal: Journal) -> HttpResponse:
    form, start, end = _period(request, journal)
    prep = _prep(journal)
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
    prep = _prep(journal)
    form = PrepForm(request.POST, instance=prep)
    if form.is_valid():
        form.save()
        messages.success(request, "Saved for the visit.")
        return redirect("summary", journal.key)
    range_form, start, end = _period(request, journal)
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
    from visits import charts  # reportlab loads with the first summary drawn, not the URLs

    _, start, end = _period(request, journal)
    found = visit_summary(journal.patient, start, end)
    weeks = found.figures.weeks
    context = {
        "summary": found,
        "sections": sections(found),
        "patient_line": patient_line(found.patient),
        "charts": {
            "spasms": charts.as_svg(charts.spasms_per_week(weeks)),
            "pain": charts.as_svg(charts.worst_pain_per_week(weeks)),
        },
    }
    return render(request, "visits/print.html", context)


@require_safe
@journal_view("view")
def summary_download(request: HttpRequest, journal: Journal) -> HttpResponse:
    from visits.pdf import summary_pdf  # reportlab loads with the first PDF, not the URLs

    _, start, end = _period(request, journal)
    response = HttpResponse(
        summary_pdf(visit_summary(journal.patient, start, end)), content_type="application/pdf"
    )
    return attachment(response, f"ms-journal-summary-{start}-to-{end}.pdf")
