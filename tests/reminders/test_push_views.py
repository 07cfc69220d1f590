"""Subscribing a browser, the device list, a test notification, and the buttons on a
notification ("Taken", "Not now")."""

import datetime as dt
import json

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reminders import tokens
from reminders.models import Kind, PushSubscription, SentReminder
from tests.support.push_service import connections
from treatments.models import DoseLog

pytestmark = pytest.mark.django_db

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def post_json(client, data, **headers):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(
        reverse("push_subscribe"), body, content_type="application/json", headers=headers
    )


# ---- Subscribing ----------------------------------------------------------------------


def test_a_browser_subscribes_for_the_person_logged_in(patient, patient_client, service):
    browser = service.browser()

    response = post_json(patient_client, browser.to_json(), user_agent=ANDROID_CHROME)

    assert response.status_code == 201
    subscription = PushSubscription.objects.get()
    assert subscription.person == patient
    assert subscription.endpoint == browser.endpoint
    assert subscription.p256dh == browser.to_json()["keys"]["p256dh"]
    assert subscription.device == "Chrome on Android"


def test_the_same_browser_subscribing_again_updates_its_one_device(
    patient, patient_client, service
):
    browser = service.browser()
    post_json(patient_client, browser.to_json())
    renewed = browser.to_json()
    renewed["keys"]["auth"] = "AAAAAAAAAAAAAAAAAAAAAA"

    assert post_json(patient_client, renewed).status_code == 201

    assert PushSubscription.objects.get().auth == "AAAAAAAAAAAAAAAAAAAAAA"


def test_subscribing_needs_a_post(patient_client, service):
    assert patient_client.get(reverse("push_subscribe")).status_code == 405


def test_subscribing_needs_a_log_in(client, service):
    response = post_json(client, service.browser().to_json())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        '"endpoint"',
        '{"endpoint": "https://fcm.googleapis.com/x"}',
        '{"endpoint": 5, "keys": {"p256dh": "a", "auth": "b"}}',
        "\xff",
    ],
)
def test_what_is_not_a_subscription_gets_a_clear_message(patient_client, service, body):
    response = post_json(patient_client, body)

    assert response.status_code == 400
    assert "endpoint" in response.json()["error"]
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://10.0.0.1/push/1",
        "http://169.254.169.254/latest/meta-data/",
        "https://push.example.net/w/1",
        "https://fcm.googleapis.com@10.0.0.1/x",
    ],
)
def test_an_endpoint_off_the_allow_list_is_refused_unreached(patient_client, service, endpoint):
    data = service.browser().to_json() | {"endpoint": endpoint}

    with connections() as seen:
        response = post_json(patient_client, data)

    assert response.status_code == 400
    assert response.json()["error"].startswith("This browser's push service is not one")
    assert "endpoint" in response.json()["errors"]
    assert not any(address[0] in ("10.0.0.1", "169.254.169.254") for address in seen)
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(("key", "value"), [("p256dh", "bm90IGEga2V5"), ("auth", "c2hvcnQ")])
def test_keys_that_are_not_a_browsers_are_refused(patient_client, service, key, value):
    data = service.browser().to_json()
    data["keys"][key] = value

    response = post_json(patient_client, data)

    assert response.status_code == 400
    assert key in response.json()["errors"]


# ---- The device list ------------------------------------------------------------------


def test_the_page_lists_my_devices_only(patient, stranger, patient_client, service, subscribe):
    subscribe(patient, service.browser(), device="Safari on iPhone")
    subscribe(stranger, service.browser(), device="Firefox on Windows")

    page = patient_client.get(reverse("reminders")).content.decode()

    assert "Safari on iPhone" in page and "Firefox on Windows" not in page
    assert "Turn on notifications on this phone" in page
    assert "Send a test notification" in page
    assert "iOS 16.4" in page


def test_removing_my_device(patient, patient_client, service, subscribe):
    device = subscribe(patient, service.browser())

    response = patient_client.post(reverse("push_device_remove", args=[device.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("reminders")
    assert not PushSubscription.objects.exists()
    assert "No more notifications on Chrome on Android." in response.content.decode()


def test_someone_elses_device_is_not_found(patient, stranger_client, service, subscribe):
    device = subscribe(patient, service.browser())

    response = stranger_client.post(reverse("push_device_remove", args=[device.pk]))

    assert response.status_code == 404
    assert PushSubscription.objects.filter(pk=device.pk).exists()


def test_removing_needs_a_post(patient, patient_client, service, subscribe):
    device = subscribe(patient, service.browser())
    assert patient_client.get(reverse("push_device_remove", args=[device.pk])).status_code == 405
    assert PushSubscription.objects.exists()


def test_a_test_notification_reaches_my_devices(patient, patient_client, service, subscribe):
    phone = service.browser()
    subscribe(patient, phone)

    response = patient_client.post(reverse("push_test"), follow=True)

    [payload] = service.payloads_for(phone)
    assert payload["kind"] == "test" and payload["url"] == reverse("reminders")
    assert "A test notification is on its way to 1 device." in response.content.decode()


def test_a_test_notification_with_no_device_says_so(patient_client, service):
    response = patient_client.post(reverse("push_test"), follow=True)
    assert "No device took the test notification" in response.content.decode()
    assert service.hits == []


# ---- "Taken" and "Not now" ------------------------------------------------------------


@pytest.fixture
def phone():
    """The service worker's requests: no session, no CSRF token."""
    return Client(enforce_csrf_checks=True)


def token_for(reminder) -> str:
    return tokens.action_token(reminder.pk)


def test_taken_logs_the_dose(patient, phone, dose_reminder, baclofen):
    response = phone.post(reverse("reminder_taken"), {"token": token_for(dose_reminder)})

    # A redirect, as a form sent from a page gets: a tap queued offline counts as sent.
    assert response.status_code == 302
    dose = DoseLog.objects.get()
    assert (dose.patient, dose.treatment, dose.logged_by) == (patient, baclofen, patient)


def test_taken_twice_logs_one_dose(phone, dose_reminder):
    token = token_for(dose_reminder)
    phone.post(reverse("reminder_taken"), {"token": token})
    phone.post(reverse("reminder_taken"), {"token": token, "tapped_at": "2026-01-01T08:00:00Z"})

    assert DoseLog.objects.count() == 1


def test_taken_kept_offline_is_dated_when_it_was_tapped(phone, dose_reminder):
    tapped = timezone.now().replace(microsecond=0) - dt.timedelta(hours=3)

    phone.post(
        reverse("reminder_taken"),
        {"token": token_for(dose_reminder), "tapped_at": tapped.isoformat()},
    )

    assert DoseLog.objects.get().taken_at == tapped


def test_taken_with_an_impossible_time_says_why(phone, dose_reminder):
    response = phone.post(
        reverse("reminder_taken"), {"token": token_for(dose_reminder), "tapped_at": "yesterday"}
    )
    assert response.status_code == 400
    assert "could not be read" in response.json()["error"]
    assert not DoseLog.objects.exists()


def old_token(reminder, days: int) -> str:
    """A token as this server made it `days` ago."""

    class Then(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(timezone.now().timestamp()) - days * 86400)

    return Then(salt=tokens.SALT).sign_object({"claim": reminder.pk})


@pytest.mark.parametrize(
    "token",
    ["", "nonsense", "eyJjbGFpbSI6MX0:1tXYZ:forged", "made for another use", "eight days old"],
)
def test_a_wrong_or_old_token_is_not_found(phone, dose_reminder, token):
    token = {
        "made for another use": signing.dumps({"claim": dose_reminder.pk}, salt="elsewhere"),
        "eight days old": old_token(dose_reminder, 8),
    }.get(token, token)

    for name in ("reminder_taken", "reminder_later"):
        assert phone.post(reverse(name), {"token": token}).status_code == 404
    assert not DoseLog.objects.exists()
    dose_reminder.refresh_from_db()
    assert dose_reminder.snoozed_until is None


def test_a_six_day_old_token_still_works(phone, dose_reminder):
    phone.post(reverse("reminder_taken"), {"token": old_token(dose_reminder, 6)})
    assert DoseLog.objects.count() == 1


def test_taken_on_a_reminder_that_is_not_a_dose_is_not_found(patient, phone):
    check_in = SentReminder.objects.create(
        person=patient,
        kind=Kind.CHECK_IN,
        local_date=patient.today(),
        due_at=timezone.now(),
        channel="push",
    )
    assert phone.post(reverse("reminder_taken"), {"token": token_for(check_in)}).status_code == 404
    assert not DoseLog.objects.exists()


def test_taken_for_a_treatment_since_deleted_is_not_found(phone, dose_reminder, baclofen):
    baclofen.delete()
    assert (
        phone.post(reverse("reminder_taken"), {"token": token_for(dose_reminder)}).status_code
        == 404
    )


def test_not_now_brings_the_reminder_back_in_an_hour(phone, dose_reminder):
    before = timezone.now()
    response = phone.post(reverse("reminder_later"), {"token": token_for(dose_reminder)})
    after = timezone.now()

    assert response.status_code == 204
    dose_reminder.refresh_from_db()
    hour = dt.timedelta(hours=1)
    assert before + hour <= dose_reminder.snoozed_until <= after + hour
    assert not DoseLog.objects.exists()


@pytest.mark.parametrize("name", ["reminder_taken", "reminder_later"])
def test_the_buttons_need_a_post(phone, dose_reminder, name):
    response = phone.get(reverse(name), {"token": token_for(dose_reminder)})
    assert response.status_code == 405
    assert not DoseLog.objects.exists()
