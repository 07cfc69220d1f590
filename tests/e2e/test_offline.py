"""On a phone without a connection: installable, every tap kept, nothing typed lost."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lib.forms import TAPPED_AT_MAX_AGE
from symptoms.models import Entry
from tests.e2e.conftest import (
    CHROMIUM_ARGS,
    POLICY_VIOLATIONS,
    VIEWPORTS,
    _new_page,
    assert_accessible,
    chromium_path,
    jpath,
    log_in,
    queue_length,
    small_targets,
)
from tests.support.makers import medicine
from treatments.models import DoseLog
from triggers.models import CheckIn

pytestmark = pytest.mark.e2e
SAVED_HERE = "Saved on this phone — it will be sent when you're back online."


@pytest.fixture
def phone(browser, request, live_server) -> Page:
    return _new_page(browser, request, "phone", service_workers="allow")


@pytest.fixture
def phone_without_worker(browser, request, live_server) -> Page:
    """For tests that cut requests with page.route, which a service worker would bypass."""
    return _new_page(browser, request, "phone", service_workers="block")


def wait_for_worker(page: Page) -> None:
    """Until the service worker has its shell and controls the page."""
    page.wait_for_function("() => navigator.serviceWorker && !!navigator.serviceWorker.controller")


def tap_spasm(page: Page, place: str, severity: int) -> None:
    """A place from the list under the body map, then a severity."""
    page.locator(".tap-grid").get_by_role("button", name=place, exact=True).tap()
    page.get_by_role("button", name=re.compile(f"^Severity {severity} of 10")).tap()


def offline_logging_page(phone: Page, url, email: str) -> None:
    """Logged in with the worker in place, the phone loses its connection and taps Spasm:
    the offline logging page stands in for the quick log."""
    log_in(phone, url, email)
    wait_for_worker(phone)
    phone.context.set_offline(True)
    phone.get_by_role("link", name="Spasm", exact=True).tap()
    expect(phone.get_by_role("heading", name="No connection")).to_be_visible()


def test_the_journal_can_be_installed_on_a_home_screen(browser, url, patient, tmp_path):
    # A profile on disk: Chromium never offers to install from an incognito window,
    # which is what an ordinary test context is.
    context = browser.browser_type.launch_persistent_context(
        tmp_path, executable_path=chromium_path(), args=CHROMIUM_ARGS, **VIEWPORTS["phone"]
    )
    POLICY_VIOLATIONS.watch(context)
    try:
        phone = context.new_page()
        log_in(phone, url, patient.email)
        wait_for_worker(phone)
        session = context.new_cdp_session(phone)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
        assert session.send("Page.getAppManifest")["errors"] == []
    finally:
        context.close()


def test_three_taps_offline_are_kept_then_sent_once_with_their_time(phone, url, patient):
    offline_logging_page(phone, url, patient.email)
    expect(phone.get_by_text("In your own journal.")).to_be_visible()
    for place, severity in [("Both legs", 7), ("Back", 4), ("Left arm", 2)]:
        tap_spasm(phone, place, severity)
        expect(phone.locator("#offline-status")).to_contain_text(SAVED_HERE)
    expect(phone.locator("#offline-status")).to_contain_text("3 entries waiting")
    assert_accessible(phone)
    assert not Entry.objects.exists()

    reconnected = timezone.now()
    phone.context.set_offline(False)
    expect(phone.locator("#offline-status")).to_contain_text("3 entries sent")
    assert queue_length(phone) == 0
    entries = list(Entry.objects.order_by("occurred_at"))
    assert [(e.severity, e.regions) for e in entries] == [
        (7, ["left_leg", "right_leg"]),
        (4, ["lower_back"]),
        (2, ["left_arm"]),
    ]
    assert all(e.occurred_at < reconnected for e in entries)  # kept the moment of the tap

    phone.goto(url(jpath(patient, "/history/")))
    rows = phone.locator("main .entries li")
    expect(rows).to_have_count(3)
    tapped = timezone.localtime(entries[0].occurred_at).strftime("%H:%M")
    expect(rows.filter(has_text="7/10")).to_contain_text(tapped)


def test_a_place_tapped_on_the_body_map_offline_is_sent_with_the_spasm(phone, url, patient):
    offline_logging_page(phone, url, patient.email)
    body_map = phone.locator(".body-map")
    expect(phone.get_by_text("Front: your left is on the right.")).to_be_visible()
    assert small_targets(phone, ".body-map .spot") == []
    assert_accessible(phone)

    # A place chosen with the keyboard, then thought better of: back to the map.
    body_map.get_by_role("button", name="Right foot").focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", name="Spasm in right foot: how bad?")).to_be_focused()
    phone.get_by_role("button", name="Back to places").tap()
    expect(phone.get_by_role("heading", name="Where?")).to_be_focused()
    body_map.get_by_role("button", name="Upper back").tap()
    expect(phone.get_by_role("heading", name="Spasm in upper back: how bad?")).to_be_visible()
    phone.get_by_role("button", name=re.compile("^Severity 6 of 10")).tap()
    expect(phone.locator("#offline-status")).to_contain_text(SAVED_HERE)
    expect(body_map.get_by_role("button", name="Upper back")).to_be_visible()  # ready again
    assert not Entry.objects.exists()

    phone.context.set_offline(False)
    expect(phone.locator("#offline-status")).to_contain_text("1 entry sent")
    entry = Entry.objects.get()
    assert (entry.severity, entry.regions) == (6, ["upper_back"])


def test_five_kept_taps_survive_a_connection_lost_halfway_through_sending(
    phone_without_worker, url, patient
):
    page = phone_without_worker
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/log/spasm/?region=both_legs")))
    page.context.set_offline(True)
    for severity in range(1, 6):
        page.get_by_role("button", name=re.compile(f"^Severity {severity} of 10")).tap()
        expect(page.locator("#offline-status")).to_contain_text(
            f"{severity} entr{'y' if severity == 1 else 'ies'} waiting"
        )

    # The first goes through; the second reaches the journal but its answer is lost on
    # the way back; then the connection is gone.
    sent = []

    def flaky(route):
        sent.append(route.request.post_data)
        if len(sent) == 1:
            route.continue_()
        else:
            if len(sent) == 2:
                route.fetch()
            route.abort("internetdisconnected")

    page.route("**/log/spasm/", flaky)
    page.context.set_offline(False)
    # The phone tells what went (once it stops trying) and what is still waiting.
    expect(page.locator("#offline-status")).to_contain_text("1 entry sent from this phone")
    expect(page.locator("#offline-status")).to_contain_text("4 entries waiting")
    assert len(sent) == 2  # it stops at the first failure, to keep the order
    assert Entry.objects.count() == 2

    page.unroute("**/log/spasm/")
    page.reload()
    expect(page.locator("#offline-status")).to_contain_text("sent from this phone")
    expect(page.locator("#offline-status")).not_to_contain_text("waiting")
    assert sorted(Entry.objects.values_list("severity", flat=True)) == [1, 2, 3, 4, 5]


def test_a_half_typed_pain_description_survives_reloads_and_a_lost_connection(phone, url, patient):
    log_in(phone, url, patient.email)
    wait_for_worker(phone)
    phone.goto(url(jpath(patient, "/log/pain/")))
    phone.get_by_label("Nerve pain", exact=False).first.check()
    phone.get_by_label("Notes").fill("Burning in the left foot after the bus ride")

    phone.reload()
    expect(phone.get_by_label("Notes")).to_have_value("Burning in the left foot after the bus ride")
    expect(phone.get_by_text("Restored what you typed earlier on this phone.")).to_be_visible()

    # Offline, the page itself cannot come (it is never stored); the offline screen can.
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.get_by_role("heading", name="No connection")).to_be_visible()
    phone.context.set_offline(False)
    phone.reload()
    notes = phone.get_by_label("Notes")
    expect(notes).to_have_value("Burning in the left foot after the bus ride")

    phone.get_by_label("Left foot").check()
    phone.get_by_role("radio", name="5", exact=True).first.check()
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Pain saved.")).to_be_visible()
    phone.goto(url(jpath(patient, "/log/pain/")))
    expect(phone.get_by_label("Notes")).to_have_value("")
    assert Entry.objects.get().notes == "Burning in the left foot after the bus ride"


def test_logging_out_warns_of_unsent_taps_then_clears_the_phone(phone, url, patient):
    log_in(phone, url, patient.email)
    wait_for_worker(phone)
    phone.goto(url(jpath(patient, "/log/pain/")))
    phone.get_by_label("Notes").fill("A draft")
    phone.goto(url(jpath(patient, "/log/spasm/?region=neck")))
    phone.context.set_offline(True)
    phone.get_by_role("button", name=re.compile("^Severity 3 of 10")).tap()
    expect(phone.locator("#offline-status")).to_contain_text("1 entry waiting")
    # Back online, but the journal cannot be reached: the tap is still unsent.
    phone.route("**/log/spasm/", lambda route: route.abort("connectionrefused"))
    phone.context.set_offline(False)
    assert phone.evaluate("caches.keys()") != []

    # Asked first, and saying no keeps everything.
    phone.once("dialog", lambda dialog: dialog.dismiss())
    with phone.expect_event("dialog") as warning:
        phone.get_by_role("button", name="Log out").click()
    assert "1 entry is saved only on this phone" in warning.value.message
    assert queue_length(phone) == 1

    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Log out").click()
    phone.wait_for_url(re.compile(r"^(?!.*/j/).*$"))
    expect(phone.get_by_role("button", name="Log out")).to_have_count(0)
    assert queue_length(phone) == 0
    assert phone.evaluate("caches.keys()") == []
    assert phone.evaluate("navigator.serviceWorker.getRegistrations()") == []
    assert phone.evaluate("Object.keys(localStorage)") == []
    assert not Entry.objects.exists()


def test_a_caregiver_who_logs_can_log_for_the_patient_offline(phone, url, patient, logger):
    log_in(phone, url, logger.email)
    phone.goto(url(jpath(patient)))
    wait_for_worker(phone)
    phone.context.set_offline(True)
    phone.get_by_role("link", name="Spasm", exact=True).tap()
    expect(phone.get_by_text("In Pat’s journal.")).to_be_visible()
    tap_spasm(phone, "Right leg", 5)
    expect(phone.locator("#offline-status")).to_contain_text("1 entry waiting")
    phone.context.set_offline(False)
    expect(phone.locator("#offline-status")).to_contain_text("1 entry sent")
    entry = Entry.objects.get()
    assert (entry.patient, entry.logged_by, entry.severity) == (patient, logger, 5)


def test_a_check_in_offline_is_kept_and_saved_for_its_day(phone_without_worker, url, patient):
    page = phone_without_worker
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/checkin/")))
    page.get_by_label("Hours of sleep last night").fill("6.5")
    page.context.set_offline(True)
    page.get_by_role("button", name="Save check-in").tap()
    expect(page.locator("#offline-status")).to_contain_text(SAVED_HERE)
    assert not CheckIn.objects.exists()

    page.context.set_offline(False)
    expect(page.locator("#offline-status")).to_contain_text("1 entry sent")
    check_in = CheckIn.objects.get(patient=patient)
    assert (check_in.date, check_in.sleep_hours) == (timezone.localdate(), Decimal("6.5"))


def test_a_quick_log_the_journal_could_not_take_is_kept_and_sent_later(
    phone_without_worker, url, patient
):
    page = phone_without_worker
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/log/spasm/?region=both_legs")))
    # The journal answers, but cannot take it: its database is restarting.
    answered = []

    def away(route):
        answered.append(503)
        route.fulfill(status=503, headers={"Retry-After": "30"}, body="Back in a moment")

    page.route("**/log/spasm/", away)
    page.get_by_role("button", name=re.compile("^Severity 6 of 10")).tap()
    expect(page.locator("#offline-status")).to_contain_text("could not be reached just now")
    expect(page.locator("#offline-status")).to_contain_text("1 entry waiting")
    assert queue_length(page) == 1 and answered
    assert not Entry.objects.exists()

    page.unroute("**/log/spasm/")
    page.reload()
    expect(page.locator("#offline-status")).to_contain_text("1 entry sent")
    assert queue_length(page) == 0
    entry = Entry.objects.get()
    assert (entry.severity, entry.regions) == (6, ["left_leg", "right_leg"])


def test_a_kept_dose_the_journal_refuses_says_why_on_the_phone(phone_without_worker, url, patient):
    medicine(patient, times_a_day=None)
    page = phone_without_worker
    log_in(page, url, patient.email)
    page.get_by_role("link", name="Baclofen").tap()
    expect(page.get_by_role("heading", name="Baclofen: what was it for?")).to_be_visible()
    # The phone's clock is weeks behind: the dose is kept with a moment the journal refuses.
    page.clock.set_fixed_time(timezone.now() - TAPPED_AT_MAX_AGE - dt.timedelta(days=10))
    page.context.set_offline(True)
    page.get_by_role("button", name="For a spasm").tap()
    expect(page.locator("#offline-status")).to_contain_text(SAVED_HERE)

    page.context.set_offline(False)
    status = page.locator("#offline-status")
    expect(status).to_contain_text("Needs your attention")
    expect(status).to_contain_text("Baclofen, at")
    expect(status).to_contain_text(f"This was tapped more than {TAPPED_AT_MAX_AGE.days} days ago")
    assert not DoseLog.objects.exists()


def test_a_kept_tap_the_journal_fails_on_waits_without_holding_back_the_others(
    phone_without_worker, url, patient
):
    page = phone_without_worker
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/log/spasm/?region=both_legs")))
    page.context.set_offline(True)
    for severity in (1, 2, 3):
        page.get_by_role("button", name=re.compile(f"^Severity {severity} of 10")).tap()
    expect(page.locator("#offline-status")).to_contain_text("3 entries waiting")

    # The journal fails on the first one (a fault of ours, not an outage); the rest go.
    sent = []

    def fails_first(route):
        sent.append(route.request.post_data)
        if len(sent) == 1:
            route.fulfill(status=500, body="Something went wrong on our side")
        else:
            route.continue_()

    page.route("**/log/spasm/", fails_first)
    page.context.set_offline(False)
    expect(page.locator("#offline-status")).to_contain_text("2 entries sent from this phone")
    expect(page.locator("#offline-status")).to_contain_text("1 entry waiting")
    assert sorted(Entry.objects.values_list("severity", flat=True)) == [2, 3]

    page.unroute("**/log/spasm/")
    page.reload()
    expect(page.locator("#offline-status")).to_contain_text("sent from this phone")
    expect(page.locator("#offline-status")).not_to_contain_text("waiting")
    assert sorted(Entry.objects.values_list("severity", flat=True)) == [1, 2, 3]
