"""Web Push from the server, against a push service on 127.0.0.1 that checks the VAPID
header and whose browsers decrypt what reaches them: the real pywebpush, no mock."""

import json
import os
import stat

import pytest
from django.core.exceptions import ImproperlyConfigured
from py_vapid import Vapid

from reminders import push
from reminders.models import PushSubscription
from symptoms.models import Entry
from tests.support.makers import make_entry
from tests.support.push_service import connections, push_service, redirecting_to

pytestmark = pytest.mark.django_db


def test_a_reminder_reaches_each_device_encrypted_for_it(patient, service, subscribe):
    phone, laptop = service.browser(), service.browser()
    subscribe(patient, phone)
    subscribe(patient, laptop, device="Firefox on Linux")
    message = {
        "title": "MS Journal",
        "body": "Time for today's check-in",
        "url": f"/j/{patient.journal_key}/check-in/",
        "tag": "check_in-2026-03-14",
        "kind": "check_in",
        "claim": 1,
    }

    assert push.deliver_push(patient, message) == 2

    for browser in (phone, laptop):
        [payload] = service.payloads_for(browser)
        assert payload == {k: message[k] for k in ("title", "body", "url", "tag", "kind")}
    assert service.refused == []
    assert all(p.headers["urgency"] == "high" for p in service.received)
    assert all(p.claims["k"] == push.application_server_key() for p in service.received)
    assert all(p.claims["aud"] == service.origin for p in service.received)
    assert not PushSubscription.objects.filter(last_sent_at=None).exists()


def test_a_dose_reminder_offers_taken_and_not_now(
    patient, service, subscribe, dose_message, dose_reminder
):
    phone = service.browser()
    subscribe(patient, phone)

    assert push.deliver_push(patient, dose_message) == 1

    [payload] = service.payloads_for(phone)
    assert [a["title"] for a in payload["actions"]] == ["Taken", "Not now"]
    assert payload["token"]
    assert payload["url"] == f"/j/{patient.journal_key}/"


def test_what_leaves_the_server_carries_no_health_data(
    patient, service, subscribe, baclofen, dose_message
):
    make_entry(patient, severity=8, notes="after the bath")
    phone = service.browser()
    subscribe(patient, phone)

    push.deliver_push(patient, dose_message)

    [sent] = service.received
    words = json.dumps(sent.payload)
    assert "Baclofen" not in words and "mg" not in words.replace(sent.payload["token"], "")
    assert "bath" not in words
    assert Entry.objects.filter(patient=patient).exists()
    # On the network the push service sees only ciphertext, not even the reminder's words.
    assert b"dose" not in sent.body and b"Time for" not in sent.body


def test_a_device_the_push_service_has_forgotten_is_dropped(patient, service, subscribe):
    gone, unknown, fine = service.browser(), service.browser(), service.browser()
    for browser in (gone, unknown, fine):
        subscribe(patient, browser)
    service.answer(gone, 410)
    service.answer(unknown, 404)

    took = push.deliver_push(
        patient, {"title": "t", "body": "b", "url": "/", "tag": "x", "kind": "week"}
    )

    assert took == 1
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [fine.endpoint]


def test_a_push_service_refusing_once_keeps_the_device(patient, service, subscribe):
    phone = service.browser()
    subscribe(patient, phone)
    service.answer(phone, 413)

    assert (
        push.deliver_push(
            patient, {"title": "t", "body": "b", "url": "/", "tag": "x", "kind": "week"}
        )
        == 0
    )
    assert PushSubscription.objects.filter(endpoint=phone.endpoint, last_sent_at=None).exists()


def test_a_person_without_devices_is_sent_nothing(patient, service):
    assert (
        push.deliver_push(
            patient, {"title": "t", "body": "b", "url": "/", "tag": "x", "kind": "week"}
        )
        == 0
    )
    assert service.received == []


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://10.0.0.1/push/1",
        "https://10.0.0.1/push/1",
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254/latest/meta-data/",
        "https://push.example.net/wpush/1",
    ],
)
def test_an_address_off_the_list_is_never_reached(patient, service, subscribe, endpoint):
    phone = service.browser()
    subscribe(patient, phone)
    # Stored as if the list had been wider when it subscribed.
    PushSubscription.objects.create(person=patient, endpoint=endpoint, **phone.to_json()["keys"])

    with connections() as seen:
        took = push.deliver_push(
            patient, {"title": "t", "body": "b", "url": "/", "tag": "x", "kind": "week"}
        )

    assert took == 1
    hosts = {address[0] for address in seen if isinstance(address, tuple)}
    assert "10.0.0.1" not in hosts and "169.254.169.254" not in hosts
    assert len(service.received) == 1


def test_the_push_service_on_a_port_not_listed_is_never_reached(patient, settings, subscribe):
    with push_service() as listed, push_service() as other:
        settings.PUSH_SERVICE_HOSTS = [listed.allow_entry]
        subscribe(patient, other.browser())

        with connections() as seen:
            took = push.deliver_push(
                patient, {"title": "t", "body": "b", "url": "/", "tag": "x", "kind": "week"}
            )

    assert took == 0
    assert other.hits == [] and ("127.0.0.1", other.port) not in seen


def test_a_redirect_is_never_followed(patient, settings, service, subscribe):
    phone = service.browser()
    with redirecting_to(phone.endpoint) as redirector:
        settings.PUSH_SERVICE_HOSTS = [service.allow_entry, redirector.removeprefix("http://")]
        PushSubscription.objects.create(
            person=patient, endpoint=f"{redirector}/push/1", **phone.to_json()["keys"]
        )

        took = push.deliver_push(
            patient, {"title": "t", "body": "b", "url": "/", "tag": "x", "kind": "week"}
        )

    assert took == 0
    assert service.hits == []


ALLOWED = ["fcm.googleapis.com", "*.notify.windows.com", "127.0.0.1:8088", "localhost:9000"]


@pytest.mark.parametrize(
    ("endpoint", "allowed"),
    [
        ("https://fcm.googleapis.com/fcm/send/abc:def", True),
        ("https://FCM.googleapis.com./fcm/send/abc", True),
        ("https://fcm.googleapis.com:443/fcm/send/abc", True),
        ("https://fcm.googleapis.com:8443/fcm/send/abc", False),  # no port listed: 443 only
        ("http://fcm.googleapis.com/fcm/send/abc", False),  # plain http: loopback only
        ("https://wns2-par02p.notify.windows.com/w/?token=BQYAAA%3d%3d", True),
        ("https://notify.windows.com/w/", False),  # the wildcard is for names under it
        ("https://evilnotify.windows.com/w/", False),
        ("https://notify.windows.com.example.org/w/", False),
        ("http://127.0.0.1:8088/push/1", True),
        ("http://127.0.0.1:8089/push/1", False),  # a listed port allows that port only
        ("http://127.0.0.1/push/1", False),
        ("http://localhost:9000/push/1", True),
        ("https://fcm.googleapis.com@10.0.0.1/fcm/send/abc", False),
        ("https://user:pw@fcm.googleapis.com/fcm/send/abc", False),
        ("https://10.0.0.1\\@fcm.googleapis.com/fcm/send/abc", False),
        ("https://fcm.googleapis.com\\.10.0.0.1/x", False),
        ("https://fcm.googleapis.com/fcm/send/abc#x", False),
        ("https://fcm.googleapis.com /fcm/send/abc", False),
        ("ftp://fcm.googleapis.com/x", False),
        ("file:///etc/passwd", False),
        ("https://[::1]:8088/push/1", False),
        ("https://169.254.169.254/latest/meta-data/", False),
        ("//fcm.googleapis.com/fcm/send/abc", False),
        ("", False),
    ],
)
def test_only_listed_push_services_are_allowed(settings, endpoint, allowed):
    settings.PUSH_SERVICE_HOSTS = ALLOWED
    assert push.is_allowed_endpoint(endpoint) is allowed


def test_the_default_list_is_the_browsers_push_services(settings):
    assert push.is_allowed_endpoint("https://updates.push.services.mozilla.com/wpush/v2/gAAA")
    assert push.is_allowed_endpoint("https://web.push.apple.com/QGuQyavXut")
    assert push.is_allowed_endpoint("https://fcm.googleapis.com/fcm/send/dPz")
    assert not push.is_allowed_endpoint("http://127.0.0.1:8000/push/1")


# ---- The server's key pair ------------------------------------------------------------


def test_the_key_pair_is_made_once_and_kept_for_its_owner_only(settings, tmp_path):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    settings.VAPID_KEY_FILE = tmp_path / "vapid_key"

    first = push.application_server_key()
    push._load_vapid.cache_clear()  # as a restarted server would
    again = push.application_server_key()

    assert first == again
    assert stat.S_IMODE(os.stat(settings.VAPID_KEY_FILE).st_mode) == 0o600
    assert push._public_key_of(Vapid.from_pem(settings.VAPID_KEY_FILE.read_bytes())) == first


def test_the_key_pair_from_the_environment_is_used(settings, tmp_path):
    vapid = Vapid()
    vapid.generate_keys()
    settings.VAPID_PRIVATE_KEY = vapid.private_pem().decode()
    settings.VAPID_PUBLIC_KEY = push._public_key_of(vapid)
    settings.VAPID_KEY_FILE = tmp_path / "vapid_key"

    assert push.application_server_key() == push._public_key_of(vapid)
    assert not settings.VAPID_KEY_FILE.exists()


def test_a_public_key_that_is_not_the_private_ones_is_refused(settings):
    mine, theirs = Vapid(), Vapid()
    mine.generate_keys()
    theirs.generate_keys()
    settings.VAPID_PRIVATE_KEY = mine.private_pem().decode()
    settings.VAPID_PUBLIC_KEY = push._public_key_of(theirs)

    with pytest.raises(ImproperlyConfigured, match="VAPID_PUBLIC_KEY"):
        push.application_server_key()
