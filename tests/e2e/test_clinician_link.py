"""A patient makes a clinician link on the phone; the clinic opens it on a desktop with no
account, behind its PIN, takes the PDF and the FHIR days; the patient sees the opening and
revokes the link, which then opens nothing."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import jpath, log_in
from tests.support.makers import make_entry

pytestmark = pytest.mark.e2e

PIN = "4831"


def _days(first: dt.date, last: dt.date) -> str:
    return f"{first:%-d %b %Y} to {last:%-d %b %Y}"


def _make_link(page: Page, first: dt.date) -> str:
    """From the visit page, a link from `first` with the PIN; returns the link shown."""
    page.get_by_role("link", name="Visit").click()
    page.get_by_role("link", name="Make a clinician link").click()
    expect(page.get_by_role("heading", name="A link for your neurologist")).to_be_visible()
    page.get_by_label("From").fill(first.isoformat())
    page.get_by_label("PIN (optional)").fill(PIN)
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", name="Your link")).to_be_visible()
    expect(page.locator("figure.qr-code svg")).to_be_visible()
    field = page.get_by_label("Link", exact=True)
    expect(field).to_have_attribute("readonly", "")
    return field.input_value()


def _download(page: Page, name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=name).click()
    return Path(download.value.path()).read_bytes()


def test_clinician_opens_the_link_with_its_pin_until_the_patient_revokes_it(
    phone_page, desktop_page, url, patient
):
    patient.full_name, patient.date_of_birth = "Patricia Ashdown", dt.date(1979, 5, 2)
    patient.save()
    for days_ago in range(1, 13):
        make_entry(patient, occurred_at=timezone.now() - dt.timedelta(days=days_ago))
    make_entry(patient, occurred_at=timezone.now() - dt.timedelta(days=60))  # before the days
    today = patient.today()
    first = today - dt.timedelta(days=29)

    log_in(phone_page, url, patient.email)
    link = _make_link(phone_page, first)
    assert re.fullmatch(re.escape(url("/c/")) + r"[\w-]{40,}/", link)

    clinic = desktop_page
    answer = clinic.goto(link)
    expect(clinic.get_by_text("The patient set a PIN for this link.")).to_be_visible()
    clinic.get_by_label("PIN").fill("0000")
    clinic.get_by_role("button", name="Open the summary").click()
    by_the_field = clinic.locator(".field:has(#id_pin) .errorlist")
    expect(by_the_field).to_have_text("That PIN is not right. 4 more tries before the link locks.")
    clinic.get_by_label("PIN").fill(PIN)
    with clinic.expect_response(lambda r: r.url == link and r.request.method == "GET") as shown:
        clinic.get_by_role("button", name="Open the summary").click()
    expect(clinic.get_by_role("heading", name="Summary for the neurologist")).to_be_visible()
    expect(clinic.locator(".summary-head")).to_contain_text(
        f"Patricia Ashdown (born 2 May 1979) · {_days(first, today)}"
    )
    expect(clinic.get_by_text("12 spasms logged")).to_be_visible()
    expect(clinic.locator("figure svg").first).to_be_visible()
    # The PIN page sends its address to this server only (its form must carry an Origin
    # for the CSRF check); the summary sends it nowhere.
    for response, policy in ((answer, "same-origin"), (shown.value, "no-referrer")):
        headers = response.all_headers()
        assert headers["x-robots-tag"] == "noindex, nofollow"
        assert headers["referrer-policy"] == policy
        assert "no-store" in headers["cache-control"]

    assert _download(clinic, "Download the PDF").startswith(b"%PDF")
    fhir = json.loads(_download(clinic, "Download the days (FHIR R4)"))
    assert fhir["resourceType"] == "Bundle" and len(fhir["entry"]) >= 12

    made = phone_page.locator("section", has=phone_page.get_by_role("heading", name="Links made"))
    made.get_by_role("link", name="Sharing").click()
    looks = phone_page.locator("section", has=phone_page.get_by_role("heading", name="Who looked"))
    expect(looks).to_contain_text("Someone opened the visit summary with the clinician link")
    phone_page.goto(url(jpath(patient, "/summary/links/")))
    expect(made).to_contain_text(_days(first, today))
    expect(made).to_contain_text("with a PIN · opened 3 times")
    expect(phone_page.get_by_role("heading", name="Your link")).to_be_hidden()  # shown once

    made.get_by_role("button", name=re.compile("^Revoke the link")).click()
    expect(phone_page.get_by_text("Link revoked: it no longer opens anything.")).to_be_visible()
    expect(made).to_contain_text("Revoked")
    assert clinic.reload().status == 404
    expect(clinic.get_by_role("heading", name="Nothing here")).to_be_visible()
