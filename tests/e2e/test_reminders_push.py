"""A reminder on the phone: the service worker shows what the server pushes, "Taken"
logs the dose once, and a tap opens the page the reminder is about.

The push is delivered to the worker through the DevTools protocol
(ServiceWorker.deliverPushMessage), as the browser's push service would hand it over,
with the payload the server itself builds (reminders.push.push_payload).
"""

import json

import pytest
from playwright.sync_api import Page, expect

from reminders.models import PushSubscription, SentReminder
from reminders.push import push_payload
from tests.e2e.conftest import _new_page, jpath, log_in, queue_length
from tests.support.makers import medicine, sent_dose_reminder
from tests.support.push_service import Browser
from treatments.models import DoseLog

pytestmark = pytest.mark.e2e


@pytest.fixture
def phone(browser, request, live_server) -> Page:
    page = _new_page(browser, request, "phone", service_workers="allow")
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    return page


@pytest.fixture
def dose_reminder(patient) -> SentReminder:
    return sent_dose_reminder(patient, medicine(patient, times_a_day=1))


def turn_on_notifications(page: Page, patient) -> None:
    """Tap the button as a person would. Chromium can subscribe only through Google's
    push service, which a test without a network cannot reach: then the page says it
    could not, and the subscription is stored as the page would have stored it."""
    page.get_by_role("button", name="Turn on notifications on this phone").tap()
    status = page.locator("#push-status")
    expect(status).to_contain_text("could not be turned on", timeout=20_000)
    browser = Browser("https://fcm.googleapis.com/fcm/send/e2e-phone")
    PushSubscription.objects.create(
        person=patient,
        endpoint=browser.endpoint,
        device="Chrome on Android",
        **browser.to_json()["keys"],
    )


def push_to_worker(page: Page, origin: str, payload: dict) -> None:
    """Hand the payload to the site's service worker as its push service would."""
    session = page.context.new_cdp_session(page)
    found: list[dict] = []
    session.on(
        "ServiceWorker.workerRegistrationUpdated", lambda e: found.extend(e["registrations"])
    )
    session.send("ServiceWorker.enable")
    registrations: list[dict] = []
    for _ in range(200):  # DevTools tells of the registration soon after enable
        registrations = [r for r in found if r["scopeURL"] == origin + "/" and not r["isDeleted"]]
        if registrations:
            break
        page.wait_for_timeout(50)
    [registration] = registrations[:1]
    session.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": origin,
            "registrationId": registration["registrationId"],
            "data": json.dumps(payload),
        },
    )


NOTIFICATIONS = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return (await registration.getNotifications()).map((n) => ({
    title: n.title, body: n.body, tag: n.tag, data: n.data,
    actions: n.actions.map((a) => a.title),
  }));
}"""


def a_dose_reminder_shown(phone: Page, url, live_server, patient, reminder):
    """Log in, turn notifications on, and push the reminder to the phone's worker; the
    notification as the phone shows it, and the worker."""
    log_in(phone, url, patient.email)
    phone.goto(url("/reminders/"))
    phone.wait_for_function("() => !!navigator.serviceWorker.controller")
    turn_on_notifications(phone, patient)
    phone.reload()
    expect(phone.get_by_text("Chrome on Android")).to_be_visible()
    message = {
        "title": "MS Journal",
        "body": "Time for your 08:00 dose",
        "url": jpath(patient, "/"),
        "tag": f"dose-{reminder.key}",
        "kind": "dose",
        "claim": reminder.pk,
    }
    push_to_worker(phone, live_server.url, push_payload(message))
    phone.wait_for_function(f"({NOTIFICATIONS})().then((n) => n.length === 1)")
    [shown] = phone.evaluate(NOTIFICATIONS)
    [worker] = phone.context.service_workers
    return shown, worker


def test_a_dose_reminder_shows_and_taken_twice_logs_one_dose(
    phone, url, live_server, patient, dose_reminder
):
    shown, worker = a_dose_reminder_shown(phone, url, live_server, patient, dose_reminder)

    assert (shown["title"], shown["body"]) == ("MS Journal", "Time for your 08:00 dose")
    assert shown["actions"] == ["Taken", "Not now"]
    assert "Baclofen" not in json.dumps(shown)
    for _ in range(2):  # a person tapping twice, or the tap sent again
        worker.evaluate("(data) => answerNotification('taken', data)", shown["data"])
    assert DoseLog.objects.filter(patient=patient).count() == 1


def test_a_tap_on_the_reminder_opens_its_page(phone, url, live_server, patient, dose_reminder):
    shown, worker = a_dose_reminder_shown(phone, url, live_server, patient, dose_reminder)

    worker.evaluate("(data) => answerNotification('', data)", shown["data"])

    phone.wait_for_url(url(jpath(patient, "/")))
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert not DoseLog.objects.exists()


def test_taken_without_a_connection_is_sent_later_once(
    phone, url, live_server, patient, dose_reminder
):
    shown, worker = a_dose_reminder_shown(phone, url, live_server, patient, dose_reminder)

    phone.context.set_offline(True)
    worker.evaluate("(data) => answerNotification('taken', data)", shown["data"])
    assert queue_length(phone) == 1
    assert not DoseLog.objects.exists()

    phone.context.set_offline(False)  # the page sends what waits on the phone
    expect(phone.locator("#offline-status")).to_contain_text("1 entry sent")
    assert queue_length(phone) == 0
    worker.evaluate("(data) => answerNotification('taken', data)", shown["data"])
    assert DoseLog.objects.filter(patient=patient).count() == 1
