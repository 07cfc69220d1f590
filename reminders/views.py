"""The reminders page: what reminds this person, and the devices that show it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from reminders.doses import regular_medicines
from reminders.forms import ReminderForm
from reminders.models import PushSubscription, ReminderPlan
from reminders.push import application_server_key
from reminders.services import plan_save


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    person = request.user
    plan = ReminderPlan.objects.filter(person=person).first() or ReminderPlan(person=person)
    form = ReminderForm(
        request.POST if request.method == "POST" else None,
        instance=plan,
        person=person,
        medicines=list(regular_medicines([person.pk])),
    )
    if form.is_valid():
        plan_save(plan=form.save(commit=False), dose_times=form.dose_times())
        messages.success(request, "Reminders saved.")
        return redirect("reminders")
    return render(request, "reminders/settings.html", {"form": form, **devices_context(person)})


def devices_context(person) -> dict:
    """What the page's list of devices (reminders/_devices.html) shows."""
    return {
        "devices": PushSubscription.objects.filter(person=person),
        "application_server_key": application_server_key(),
    }
