import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from lib.http import posted
from lib.limits import date_in_range
from sharing.access import Journal, journal_view
from triggers.forms import CheckInForm, OwnTriggerForm
from triggers.models import CheckIn, OwnTrigger
from triggers.services import check_in_save


@require_http_methods(["GET", "POST"])
@journal_view("log")
def check_in(request: HttpRequest, journal: Journal, date: dt.date | None = None) -> HttpResponse:
    today = timezone.localdate()
    date = date or today
    if date > today:
        raise Http404("No check-ins for days that have not happened yet")
    patient = journal.patient
    existing = CheckIn.objects.for_patient(patient).filter(date=date).first()
    instance = existing or CheckIn(patient=patient, date=date)
    form = CheckInForm(posted(request), instance=instance, patient=patient)
    if form.is_bound and form.is_valid():
        saved = check_in_save(
            patient=patient,
            date=date,
            fields=form.check_in_fields(),
            tags=form.tag_answers(),
            side_effects=form.side_effect_answers(),
        )
        if request.htmx and date == today:
            return render(request, "triggers/check_in.html#card", _card(journal, saved))
        messages.success(request, f"Check-in for {date:%-d %B} saved.")
        if date == today:
            return redirect("home", journal.key)
        return redirect("check_in_day", journal.key, date)
    next_day = date + dt.timedelta(days=1)
    previous_day = date - dt.timedelta(days=1)
    context = {
        "form": form,
        "date": date,
        "today": today,
        "previous_day": previous_day if date_in_range(previous_day) else None,
        "next_day": next_day if next_day <= today else None,
    }
    if request.htmx:
        return render(request, "triggers/check_in.html#form", context)
    return render(request, "triggers/check_in.html", context)


@require_http_methods(["GET", "POST"])
@journal_view("owner")
def own_triggers(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = OwnTriggerForm(posted(request), patient=journal.patient)
    if form.is_bound and form.is_valid():
        OwnTrigger.objects.create(patient=journal.patient, name=form.cleaned_data["name"])
        messages.success(request, f"“{form.cleaned_data['name']}” added to your check-in.")
        return redirect("own_triggers", journal.key)
    triggers = OwnTrigger.objects.for_patient(journal.patient)
    return render(request, "triggers/own_triggers.html", {"form": form, "triggers": triggers})


@require_POST
@journal_view("owner")
def own_trigger_delete(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    trigger = get_object_or_404(OwnTrigger.objects.for_patient(journal.patient), pk=pk)
    trigger.delete()
    messages.success(request, f"“{trigger.name}” removed, with its answers.")
    return redirect("own_triggers", journal.key)


def todays_check_in_card(journal: Journal) -> dict:
    """The home page's check-in card: today's check-in of the journal the view opened."""
    check_in = (
        CheckIn.objects.for_patient(journal.patient).filter(date=timezone.localdate()).first()
    )
    return _card(journal, check_in)


def _card(journal: Journal, check_in: CheckIn | None) -> dict:
    summary = check_in.summary_in(journal.patient.uses_fahrenheit) if check_in else ""
    return {"check_in": check_in, "summary": summary, "today": timezone.localdate()}
