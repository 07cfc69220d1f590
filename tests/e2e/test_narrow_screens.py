"""Caregivers' pages on a 320 px phone and at 200% zoom: nothing sideways, nothing hidden
off the right edge, every control big enough, no serious accessibility problem."""

import re

import pytest
from playwright.sync_api import Page, expect

from sharing.models import AccessLogEntry, CareAccess, Invitation
from tests.e2e.conftest import (
    PRIMARY_CONTROLS,
    SCREENS,
    _keep_evidence_and_close,
    assert_accessible,
    horizontal_overflow,
    jpath,
    small_targets,
)
from tests.support.makers import PASSWORD

pytestmark = pytest.mark.e2e

LONG_EMAIL = "christopher.alexander.montgomery-featherstonehaugh@care-at-home.example.org"


@pytest.fixture(params=list(SCREENS))
def screen(browser, request, live_server) -> Page:
    context = browser.new_context(**SCREENS[request.param])
    context.set_default_timeout(10_000)
    page = context.new_page()
    request.addfinalizer(lambda: _keep_evidence_and_close(request, page))
    return page


def log_in_as(page: Page, url, email: str) -> None:
    page.goto(url("/accounts/login/"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Log in")


def assert_fits_and_is_usable(page: Page) -> None:
    width = page.viewport_size["width"]
    assert horizontal_overflow(page) <= 0, f"{page.url} scrolls sideways at {width}px"
    assert small_targets(page, PRIMARY_CONTROLS) == []
    assert_accessible(page)


def assert_within_screen(page: Page, selector: str) -> None:
    """Every element of the selector is visible without scrolling sideways."""
    width = page.viewport_size["width"]
    rights = page.eval_on_selector_all(
        selector, "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert rights and max(rights) <= width, f"{selector} runs off the {width}px screen"


@pytest.fixture
def busy_sharing(patient, django_user_model):
    """A patient with a caregiver of long address, a pending long-address invitation and a
    long access log."""
    carer = django_user_model.objects.create_user(LONG_EMAIL, PASSWORD)
    CareAccess.objects.create(patient=patient, caregiver=carer, permission="log")
    Invitation.issue(patient=patient, permission="view", email="second." + LONG_EMAIL)
    Invitation.issue(patient=patient, permission="log")
    codes = ["quick_spasm:POST", "entry_detail:GET", "week:GET", "summary_pdf:GET"]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(patient=patient, caregiver=carer, what=codes[i % len(codes)])
        for i in range(60)
    )
    return patient


def test_the_sharing_page_fits_a_narrow_screen(screen, url, busy_sharing):
    log_in_as(screen, url, busy_sharing.email)
    screen.goto(url(jpath(busy_sharing, "/sharing/")))
    assert_fits_and_is_usable(screen)
    assert_within_screen(screen, "main button")
    assert_within_screen(screen, ".access-log li")
    expect(screen.get_by_text("logged a spasm").first).to_be_visible()


def test_the_invitation_page_fits_with_a_long_address(screen, url, django_user_model):
    patient = django_user_model.objects.create_user(LONG_EMAIL, PASSWORD)
    _, token = Invitation.issue(patient=patient, permission="log", email="anna@example.com")
    screen.goto(url(f"/invitations/{token}/"))
    expect(screen.get_by_role("heading", level=1)).to_contain_text(LONG_EMAIL)
    assert_fits_and_is_usable(screen)
    screen.get_by_role("link", name="Create an account to accept").click()
    expect(screen.get_by_role("heading", level=1)).to_contain_text("Join")
    expect(screen.get_by_label("E-mail address")).to_have_value("anna@example.com")
    assert_fits_and_is_usable(screen)


def test_the_import_page_with_a_rejected_file_fits(screen, url, patient):
    log_in_as(screen, url, patient.email)
    screen.goto(url(jpath(patient, "/import/")))
    bad = "when,kind,severity,regions\nsoon,spasm,eleven,left_leg\n2126-01-01T08:00,spasm,3,x\n"
    screen.get_by_label("Entries file (CSV)").set_input_files(
        {
            "name": "my-old-diary-exported-from-a-spreadsheet.csv",
            "mimeType": "text/csv",
            "buffer": bad.encode(),
        }
    )
    screen.get_by_role("button", name="Send the files").click()
    expect(screen.get_by_text(re.compile(r"Nothing was imported: [2-9] problems"))).to_be_visible()
    assert_fits_and_is_usable(screen)
    assert_within_screen(screen, ".import-problems li")
    expect(screen.get_by_role("link", name="import guide").first).to_be_visible()


def test_the_journal_chooser_fits(screen, url, patient, viewer, django_user_model):
    sam = django_user_model.objects.create_user(
        "sam@example.com", PASSWORD, display_name="Samantha Featherstonehaugh-Montgomery"
    )
    CareAccess.objects.create(patient=sam, caregiver=viewer, permission="log")
    log_in_as(screen, url, viewer.email)
    expect(screen.get_by_role("heading", name="Which journal?")).to_be_visible()
    assert_fits_and_is_usable(screen)
    screen.get_by_role("link", name=re.compile("Pat’s journal")).click()
    expect(screen.get_by_text("Pat’s journal").first).to_be_visible()
    assert screen.url.endswith(jpath(patient, "/"))
