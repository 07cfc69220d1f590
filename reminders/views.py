"""The reminders page: what reminds this person, and the devices that show it."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.views.decorators.http import require_http_methods

from accounts.units import from_celsius
from reminders.doses import regular_medicines
from reminders.forms import ReminderForm
from reminders.heat import heads_up, temperature_words
from reminders.models import PushSubscription, ReminderPlan
from reminders.push import application_server_key
from reminders.services import plan_save
from weather.models import Place


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
    context = {"form": form, "heat": heat_context(person), **devices_context(person)}
    return render(request, "reminders/settings.html", context)


def heat_context(person) -> dict:
    """What the heat heads-up's card tells this person: their own hot day, what the
    message would say, and whether the place it needs is set."""
    fahrenheit = person.uses_fahrenheit
    return {
        "hot_from": f"{floatformat(from_celsius(person.heat_threshold_c, fahrenheit), -1)} "
        f"{'°F' if fahrenheit else '°C'}",
        "example": heads_up(temperature_words(Decimal(31), fahrenheit), "more spasms"),
        "has_place": Place.objects.for_patient(person).current().exists(),
    }


def devices_context(person) -> dict:
    """What the page's list of devices (reminders/_devices.html) shows."""
    return {
        "devices": PushSubscription.objects.filter(person=person),
        "application_server_key": application_server_key(),
    }
