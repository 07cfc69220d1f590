import pytest

from reminders.models import PushSubscription, SentReminder
from tests.support.makers import medicine, sent_dose_reminder
from tests.support.push_service import push_service


@pytest.fixture
def service(settings, tmp_path):
    """A push service on 127.0.0.1, the only one on the allow-list; the server's VAPID
    key pair made for this test."""
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    settings.VAPID_KEY_FILE = tmp_path / "vapid_key"
    with push_service() as service:
        settings.PUSH_SERVICE_HOSTS = [service.allow_entry]
        yield service


@pytest.fixture
def subscribe():
    """subscribe(person, browser): the browser's subscription stored for the person, as
    the reminders page would store it."""

    def make(person, browser, device: str = "Chrome on Android") -> PushSubscription:
        keys = browser.to_json()["keys"]
        return PushSubscription.objects.create(
            person=person, endpoint=browser.endpoint, device=device, **keys
        )

    return make


@pytest.fixture
def baclofen(patient):
    return medicine(patient)


@pytest.fixture
def dose_reminder(patient, baclofen) -> SentReminder:
    """The 08:00 dose of Baclofen, claimed and sent."""
    return sent_dose_reminder(patient, baclofen)


@pytest.fixture
def dose_message(dose_reminder) -> dict:
    """What the scheduler passes for that dose: no medicine's name, nothing of the journal."""
    return {
        "title": "MS Journal",
        "body": "Time for your 08:00 dose",
        "url": f"/j/{dose_reminder.person.journal_key}/",
        "tag": f"dose-{dose_reminder.key}-{dose_reminder.local_date}",
        "kind": "dose",
        "claim": dose_reminder.pk,
    }
