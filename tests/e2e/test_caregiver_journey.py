import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sharing.models import CareAccess
from symptoms.models import Entry
from tests.e2e.conftest import (
    _new_page,
    assert_accessible,
    confirm_address_from_mail,
    jpath,
    log_in,
    press,
)
from tests.support.makers import PASSWORD, local, make_entry

pytestmark = pytest.mark.e2e


def test_a_caregiver_is_invited_reviews_the_week_logs_and_is_shut_out(
    logged_in, url, patient, browser, request, device
):
    # In the last complete week: the weekly review opens on it.
    today = patient.today()
    wednesday = today - dt.timedelta(days=today.weekday() + 5)
    when = local(wednesday.year, wednesday.month, wednesday.day, 12, 0, patient.time_zone)
    make_entry(patient, kind="pain", severity=6, with_new_symptoms=True, occurred_at=when)
    page = logged_in
    page.goto(url(jpath(patient, "/sharing/")))
    assert_accessible(page)
    page.get_by_label("View and log").check()
    page.get_by_role("button", name="Create the invitation").click()
    link = page.get_by_label("Link").input_value()

    carer = _new_page(browser, request, device)
    carer.goto(link)
    expect(carer.get_by_role("heading", name="Pat invites you")).to_be_visible()
    assert_accessible(carer)
    carer.get_by_role("link", name="Create an account to accept").click()
    expect(carer.get_by_role("heading", name="Join Pat’s journal")).to_be_visible()
    carer.get_by_label("E-mail address").fill("anna@example.com")
    carer.get_by_label("Password", exact=True).fill(PASSWORD)
    carer.get_by_label("Password confirmation").fill(PASSWORD)
    carer.get_by_role("button", name="Create my account").click()
    expect(carer.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    confirm_address_from_mail(carer, url)
    carer.get_by_role("button", name=re.compile("Accept")).click()

    # The weekly review of Pat's journal, saying whose it is, with its charts drawn.
    expect(carer.locator(".journal-bar")).to_contain_text("Pat’s journal")
    expect(carer.get_by_role("heading", name=re.compile("^Week of"))).to_be_visible()
    expect(carer.locator(".attention")).to_contain_text("Possible relapse")
    expect(carer.locator("#week-spasms svg").first).to_be_visible()
    assert_accessible(carer)

    carer.get_by_role("link", name="Log for Pat").click()
    press(carer.get_by_role("link", name="Spasm", exact=True), device)
    press(carer.locator(".tap-grid").get_by_role("link", name="Right leg"), device)
    press(carer.get_by_role("button", name="Severity 5 of 10"), device)
    expect(carer.get_by_role("heading", name="Saved: spasm 5/10")).to_be_visible()
    entry = Entry.objects.get(kind="spasm")
    assert entry.patient == patient and entry.logged_by.email == "anna@example.com"

    page.reload()
    expect(page.get_by_text("anna@example.com").first).to_be_visible()
    look = page.get_by_role("listitem").filter(has_text="logged a spasm")
    expect(look).to_contain_text(
        re.compile(r"anna@example\.com logged a spasm, \d+ \w+, \d\d:\d\d")
    )
    page.get_by_role("button", name=re.compile("Revoke access")).click()
    expect(page.get_by_text("no longer has access")).to_be_visible()
    assert not CareAccess.objects.active().exists()

    response = carer.goto(carer.url)
    assert response.status == 404
    expect(carer.get_by_role("heading", name="Nothing here")).to_be_visible()


def test_a_viewer_sees_the_journal_but_no_way_to_change_it(page, url, patient, viewer):
    make_entry(patient)
    log_in(page, url, viewer.email)
    page.goto(url(jpath(patient, "/")))
    expect(page.locator(".journal-bar")).to_contain_text("Pat’s journal")
    expect(page.get_by_text("view only")).to_be_visible()
    expect(page.get_by_role("link", name="Spasm", exact=True)).to_have_count(0)
    response = page.goto(url(jpath(patient, "/log/spasm/")))
    assert response.status == 403
    assert_accessible(page)
