"""The reminders page: what reminds this person, and the devices that show it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reminders.models import PushSubscription
from reminders.push import application_server_key


@require_safe
@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return render(request, "reminders/settings.html", devices_context(request.user))


def devices_context(person) -> dict:
    """What the page's list of devices (reminders/_devices.html) shows."""
    return {
        "devices": PushSubscription.objects.filter(person=person),
        "application_server_key": application_server_key(),
    }
