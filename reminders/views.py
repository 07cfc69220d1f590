"""The reminders page: what reminds this person, and the devices that show it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return render(request, "reminders/settings.html", {})
