"""The phone's side of reminders: subscribing a browser, removing one, a test
notification, and the buttons a notification shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.text import one_line
from reminders.models import PushSubscription, SentReminder
from reminders.push import deliver_push
from reminders.push_forms import ActionForm, SubscriptionForm
from reminders.services import push_subscription_save, reminder_dose_taken

NOT_A_SUBSCRIPTION = (
    "Send the browser's push subscription as JSON: "
    '{"endpoint": …, "keys": {"p256dh": …, "auth": …}}.'
)


@require_POST
@login_required
def push_subscribe(request: HttpRequest) -> JsonResponse:
    """Takes PushSubscription.toJSON() from this person's browser (static/js/push.js)."""
    try:
        form = SubscriptionForm.from_json(
            request.body, user_agent=request.headers.get("User-Agent", "")
        )
    except ValueError:
        return JsonResponse({"error": NOT_A_SUBSCRIPTION}, status=400)
    if not form.is_valid():
        errors = {name: list(messages_) for name, messages_ in form.errors.items()}
        first = next(iter(errors.values()))[0]
        return JsonResponse({"error": first, "errors": errors}, status=400)
    subscription = push_subscription_save(person=request.user, **form.cleaned_data)
    return JsonResponse({"id": subscription.pk, "device": subscription.device}, status=201)


@require_POST
@login_required
def device_remove(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(PushSubscription, pk=pk, person=request.user)
    subscription.delete()
    messages.success(request, f"No more notifications on {one_line(str(subscription))}.")
    return redirect("reminders")


@require_POST
@login_required
def push_test(request: HttpRequest) -> HttpResponse:
    took = deliver_push(
        request.user,
        {
            "title": "MS Journal",
            "body": "Notifications work on this device.",
            "url": reverse("reminders"),
            "tag": "test",
            "kind": "test",
        },
    )
    if took:
        devices = "device" if took == 1 else "devices"
        messages.success(request, f"A test notification is on its way to {took} {devices}.")
    else:
        messages.error(
            request,
            "No device took the test notification. Turn notifications on again on your "
            "phone, or choose e-mail for your reminders.",
        )
    return redirect("reminders")


def _tapped_reminder(request: HttpRequest) -> tuple[SentReminder, ActionForm]:
    """The reminder a notification's button was tapped on; 404 for a token this server
    did not make for one, or made too long ago."""
    form = ActionForm(request.POST)
    form.is_valid()
    if "token" in form.errors:
        raise Http404("no such notification")
    return get_object_or_404(SentReminder, pk=form.cleaned_data["token"]), form


# The service worker posts these with no session's CSRF token (it has none): the signed
# token in the notification is what authenticates them.
@csrf_exempt
@require_POST
def reminder_taken(request: HttpRequest) -> HttpResponse:
    """ "Taken" on a dose reminder: logs the dose once, however often it is sent. Answers
    with a redirect to the journal, as a form sent from a page does, so a tap queued on
    a phone without a connection (static/js/offline.js) counts as sent."""
    reminder, form = _tapped_reminder(request)
    if form.errors:
        return JsonResponse({"error": form.errors["tapped_at"][0]}, status=400)
    taken_at = form.cleaned_data["tapped_at"] or timezone.now()
    if reminder_dose_taken(reminder=reminder, taken_at=taken_at) is None:
        raise Http404("not a dose reminder")
    return redirect("home", reminder.person.journal_key)


@csrf_exempt
@require_POST
def reminder_later(request: HttpRequest) -> HttpResponse:
    """ "Not now": the same reminder comes again in an hour."""
    reminder, _ = _tapped_reminder(request)
    reminder.snooze(now=timezone.now())
    return HttpResponse(status=204)
