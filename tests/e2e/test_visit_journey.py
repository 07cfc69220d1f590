import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import assert_accessible, horizontal_overflow
from tests.support.makers import make_entry

pytestmark = pytest.mark.e2e


def test_patient_prepares_prints_and_downloads_the_summary(logged_in, url, patient, device):
    for days_ago in range(1, 20):
        make_entry(
            patient,
            occurred_at=timezone.now() - dt.timedelta(days=days_ago),
            severity=days_ago % 10,
        )
    page = logged_in
    page.get_by_role("link", name="Visit").click()
    expect(page.get_by_role("heading", name="Before the visit")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Questions for the visit").fill("Is the night-time stiffness worth treating?")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved for the visit.")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) <= 2
    assert "19 spasms logged" in text and "night-time stiffness" in text

    page.get_by_role("link", name="Open the printable summary").click()
    expect(page.get_by_role("heading", name="Summary for the neurologist")).to_be_visible()
    expect(page.locator("figure svg").first).to_be_visible()
    assert_accessible(page)
    assert horizontal_overflow(page) <= 0
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
