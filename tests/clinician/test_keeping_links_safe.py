"""The PIN, the rate limits and the nightly deletion of expired links."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinician import tasks
from clinician.links import TRIES_PER_ADDRESS, TRIES_PER_LINK
from clinician.models import ClinicianLink, LinkRule, LinkTry
from sharing.models import AccessLogEntry, CareAccess

pytestmark = pytest.mark.django_db


def issue(patient, **fields) -> tuple[ClinicianLink, str]:
    today = patient.today()
    values = {
        "first": today - dt.timedelta(days=6),
        "last": today,
        "lifetime": "week",
        "made_by": patient,
    }
    return ClinicianLink.issue(patient=patient, **{**values, **fields})


def page(token: str, name: str = "clinician_shared") -> str:
    return reverse(name, args=[token])


def test_a_link_with_a_pin_asks_for_it_first_and_shows_nothing_before(client, patient):
    _, token = issue(patient, pin="2468")

    response = client.get(page(token))

    assert "The patient set a PIN for this link" in response.text
    assert "Summary for the neurologist" not in response.text
    for download in ("clinician_shared_pdf", "clinician_shared_fhir"):
        assert client.get(page(token, download)).url == page(token)
    assert not AccessLogEntry.objects.exists()


def test_the_right_pin_opens_the_summary_for_this_browser_only(client, patient, rf):
    _, token = issue(patient, pin="2468")

    response = client.post(page(token), {"pin": "2468"}, follow=True)

    assert "Summary for the neurologist" in response.text
    assert client.get(page(token, "clinician_shared_pdf"))["Content-Type"] == "application/pdf"
    client.cookies.clear()  # another browser, with the link but not the PIN
    assert "The patient set a PIN" in client.get(page(token)).text


def test_a_wrong_pin_says_how_many_tries_are_left_and_keeps_what_was_typed(client, patient):
    link, token = issue(patient, pin="2468")

    response = client.post(page(token), {"pin": "1357"})

    assert "That PIN is not right. 4 more tries before the link locks." in response.text
    assert 'value="1357"' in response.text
    assert "Summary for the neurologist" not in response.text
    link.refresh_from_db()
    assert link.wrong_pins == 1 and link.locked_at is None


def test_a_pin_that_is_not_digits_is_refused_without_counting(client, patient):
    link, token = issue(patient, pin="2468")
    response = client.post(page(token), {"pin": "abcd"})
    assert "A PIN is 4 to 8 digits, nothing else." in response.text
    link.refresh_from_db()
    assert link.wrong_pins == 0


def test_five_wrong_pins_lock_the_link_even_for_the_right_one(client, patient):
    link, token = issue(patient, pin="2468")
    for _ in range(4):
        client.post(page(token), {"pin": "0000"})

    response = client.post(page(token), {"pin": "0000"})

    assert "That PIN was wrong 5 times, so this link is now locked." in response.text
    link.refresh_from_db()
    assert link.locked_at is not None
    assert client.post(page(token), {"pin": "2468"}).status_code == 404
    assert client.get(page(token)).status_code == 404
    client.force_login(patient)
    links = client.get(reverse("clinician_links", args=[patient.journal_key]))
    assert "Locked after 5 wrong PINs" in links.text


def test_one_address_is_stopped_after_too_many_tries_at_any_link(client, patient):
    _, token = issue(patient)
    most, _ = TRIES_PER_ADDRESS
    for n in range(most):
        wrong = f"{'x' * 40}{n:03d}"
        assert client.get(page(wrong)).status_code == 404

    assert client.get(page(token)).status_code == 429
    other = client.get(page(token), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # another address is not held up
    assert "Too many tries" in client.get(page(token)).text


def test_tries_older_than_the_window_no_longer_count(client, patient):
    _, token = issue(patient)
    most, window = TRIES_PER_ADDRESS
    for n in range(most):
        client.get(page(f"{'y' * 40}{n:03d}"))
    LinkTry.objects.update(at=timezone.now() - window - dt.timedelta(seconds=1))

    assert client.get(page(token)).status_code == 200


def test_one_link_is_stopped_after_too_many_tries_from_anywhere(client, patient):
    link, token = issue(patient)
    most, _ = TRIES_PER_LINK
    LinkTry.objects.bulk_create([LinkTry(address=f"a{n}", link=link) for n in range(most)])

    response = client.get(page(token))

    assert response.status_code == 429
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not AccessLogEntry.objects.exists()


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, patient, settings):
    settings.BEHIND_PROXY = True
    _, token = issue(patient)
    most, _ = TRIES_PER_ADDRESS
    for n in range(most):
        client.get(page(f"{'z' * 40}{n:03d}"), HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.1")

    # A client cannot slip past by putting another address in front of the proxy's.
    held = client.get(page(token), HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    assert held.status_code == 429
    assert client.get(page(token), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_expired_links_and_old_tries_are_deleted_and_the_rest_kept(patient):
    expired, _ = issue(patient)
    revoked_and_expired, _ = issue(patient)
    revoked_and_expired.revoke()
    working, _ = issue(patient)
    revoked_still_in_time, _ = issue(patient)
    revoked_still_in_time.revoke()
    gone = timezone.now() - dt.timedelta(minutes=1)
    ClinicianLink.objects.filter(pk__in=[expired.pk, revoked_and_expired.pk]).update(
        expires_at=gone
    )
    LinkTry.objects.create(address="old")
    LinkTry.objects.update(at=timezone.now() - dt.timedelta(days=2))
    LinkTry.objects.create(address="new")

    call_command("delete_expired_links", verbosity=0)

    assert set(ClinicianLink.objects.values_list("pk", flat=True)) == {
        working.pk,
        revoked_still_in_time.pk,
    }
    assert list(LinkTry.objects.values_list("address", flat=True)) == ["new"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_deletes_expired_links_every_night(patient):
    expired, _ = issue(patient)
    ClinicianLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    working, _ = issue(patient)
    now = timezone.now()

    call_command("delete_expired_links", "--queue", verbosity=0)
    call_command("delete_expired_links", "--queue", verbosity=0)  # no second chain

    [nightly] = DBTaskResult.objects.all()
    assert nightly.task_path == "clinician.tasks.delete_expired"
    assert now < nightly.run_after <= now + dt.timedelta(days=1)
    assert nightly.run_after.astimezone(dt.UTC).time() == tasks.NIGHTLY_AT.replace(tzinfo=None)
    DBTaskResult.objects.filter(pk=nightly.pk).update(run_after=now)  # the night has come
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    nightly.refresh_from_db()
    assert nightly.status == "SUCCESSFUL"
    assert list(ClinicianLink.objects.values_list("pk", flat=True)) == [working.pk]
    [following] = DBTaskResult.objects.filter(status="READY")
    assert following.run_after > now


def test_a_wrong_pin_is_in_the_patients_access_log(client, patient):
    _, token = issue(patient, pin="2468")
    client.post(page(token), {"pin": "1111"})
    assert [e.description for e in AccessLogEntry.objects.all()] == [
        "typed a wrong PIN for the clinician link"
    ]


def test_once_locked_no_try_counts_and_the_right_pin_opens_nothing(patient):
    link, _ = issue(patient, pin="2468")
    ClinicianLink.objects.filter(pk=link.pk).update(wrong_pins=4)
    assert link.try_pin("0000") is False
    assert link.try_pin("2468") is None  # the fifth wrong one locked it
    link.refresh_from_db()
    assert link.wrong_pins == 5 and link.locked_at is not None


def test_the_right_pin_gives_its_try_back(patient):
    link, _ = issue(patient, pin="2468")
    assert link.try_pin("2468") is True
    link.refresh_from_db()
    assert link.wrong_pins == 0


@pytest.fixture
def carers_link(patient, viewer):
    LinkRule.objects.create(patient=patient, caregivers_may_make=True)
    return issue(patient, made_by=viewer)


def opens(client, token: str) -> bool:
    return client.get(page(token)).status_code == 200


def test_a_link_made_by_a_caregiver_stops_when_their_access_is_revoked(
    client, patient, viewer, carers_link
):
    _, token = carers_link
    assert opens(client, token)
    CareAccess.objects.get(caregiver=viewer).revoke()
    assert not opens(client, token)
    client.force_login(patient)
    links = client.get(reverse("clinician_links", args=[patient.journal_key])).text
    assert "Stopped: whoever made it may no longer make links" in links


def test_a_caregivers_link_stops_when_the_patient_takes_the_leave_back(client, carers_link):
    _, token = carers_link
    LinkRule.objects.update(caregivers_may_make=False)
    assert not opens(client, token)


def test_a_caregivers_link_stops_when_their_account_is_deleted(client, viewer, carers_link):
    _, token = carers_link
    viewer.delete()
    assert not opens(client, token)


def test_a_caregiver_sees_no_other_caregivers_name_on_the_links(
    client, patient, viewer, logger, carers_link
):
    issue(patient, made_by=logger)
    client.force_login(viewer)
    links = client.get(reverse("clinician_links", args=[patient.journal_key])).text
    assert "made by you" in links
    assert "Anna" not in links and "logger@example.com" not in links
    client.force_login(patient)
    links = client.get(reverse("clinician_links", args=[patient.journal_key])).text
    assert "made by Vic" in links and "made by Anna" in links


def test_an_ipv6_address_counts_as_its_slash_64(client, patient):
    _, token = issue(patient)
    most, _ = TRIES_PER_ADDRESS
    for n in range(most):
        client.get(page(f"{'v' * 40}{n:03d}"), REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")
    assert client.get(page(token), REMOTE_ADDR="2001:db8:1:2:ffff::1").status_code == 429
    assert client.get(page(token), REMOTE_ADDR="2001:db8:1:3::1").status_code == 200
