"""The clinician's side: what a link opens, for nobody logged in, and what it never shows."""

import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinician.models import ClinicianLink
from sharing.models import AccessLogEntry
from tests.support.makers import jurl, make_entry, medicine
from treatments.models import TreatmentPeriod
from triggers.models import CheckIn
from visits.models import VisitPrep

pytestmark = pytest.mark.django_db


@pytest.fixture
def fortnight(patient):
    """Entries in a fortnight the link covers, and one a month before it."""
    today = patient.today()
    first = today - dt.timedelta(days=13)
    noon = dt.time(12, tzinfo=patient.zone)
    for n in range(14):
        when = dt.datetime.combine(first + dt.timedelta(days=n), noon)
        make_entry(patient, occurred_at=when, severity=4, notes="inside")
        CheckIn.objects.create(patient=patient, date=first + dt.timedelta(days=n), stress=3)
    before = dt.datetime.combine(first - dt.timedelta(days=30), noon)
    make_entry(patient, occurred_at=before, severity=9, notes="MONTH BEFORE")
    CheckIn.objects.create(patient=patient, date=first - dt.timedelta(days=30), stress=9)
    return first, today


def issue(patient, first, last, **fields) -> tuple[ClinicianLink, str]:
    return ClinicianLink.issue(
        patient=patient, made_by=patient, first=first, last=last, lifetime="week", **fields
    )


def opened(token: str, name: str = "clinician_shared") -> str:
    return reverse(name, args=[token])


def page_of(response) -> str:
    """The page as a person reads it: every answer carries a CSRF token of its own."""
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())


def test_the_link_opens_the_summary_of_its_days_without_an_account(client, patient, fortnight):
    first, last = fortnight
    _, token = issue(patient, first, last)

    response = client.get(opened(token))

    assert response.status_code == 200
    assert "Summary for the neurologist" in response.text
    assert "Pat" in response.text
    assert f"{first:%-d %b %Y} to {last:%-d %b %Y}" in response.text
    assert "14 spasms logged" in response.text  # the fortnight's, not the month before's
    assert "worst severity 4/10" in response.text
    assert opened(token, "clinician_shared_pdf") in response.text
    assert opened(token, "clinician_shared_fhir") in response.text


def test_the_page_shows_nothing_of_the_journal_beyond_the_summary(
    client, patient, viewer, logger, fortnight
):
    first, last = fortnight
    VisitPrep.objects.create(patient=patient, questions="Can I raise the baclofen?")
    _, token = issue(patient, first, last)

    text = client.get(opened(token)).text

    assert "Can I raise the baclofen?" in text  # the patient's questions are the summary's
    for elsewhere in ("Vic", "Anna", "viewer@example.com", "logger@example.com"):
        assert elsewhere not in text
    # No menu, no journal address, no way into history, the week or other days.
    assert patient.journal_key not in text
    assert "History" not in text and "/j/" not in text
    assert "MONTH BEFORE" not in text


def test_the_answers_ask_not_to_be_kept_indexed_or_referred(client, patient, fortnight):
    _, token = issue(patient, *fortnight)
    for name in ("clinician_shared", "clinician_shared_pdf", "clinician_shared_fhir"):
        response = client.get(opened(token, name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in client.get(opened(token)).text


def test_the_pdf_is_the_summary_of_the_links_days(client, patient, fortnight):
    first, last = fortnight
    _, token = issue(patient, first, last)

    response = client.get(opened(token, "clinician_shared_pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert f"ms-journal-summary-{first}-to-{last}.pdf" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"{first:%-d %b %Y}" in text and "Pat" in text


def test_the_fhir_bundle_holds_only_the_links_days(client, patient, fortnight):
    first, last = fortnight
    medicine(patient, name="Baclofen")  # taken since 2024: through the link's days
    stopped = medicine(patient, name="Gabapentin")
    TreatmentPeriod.objects.filter(treatment=stopped).update(stopped=first - dt.timedelta(days=1))
    _, token = issue(patient, first, last)

    response = client.get(opened(token, "clinician_shared_fhir"))

    bundle = json.loads(b"".join(response.streaming_content))
    assert bundle["resourceType"] == "Bundle"
    resources = [e["resource"] for e in bundle["entry"]]
    observed = [r for r in resources if r["resourceType"] == "Observation"]
    assert len(observed) == 14 + 14  # the fortnight's entries and check-ins, nothing before
    assert all(r["effectiveDateTime"][:10] >= str(first) for r in observed)
    assert "MONTH BEFORE" not in json.dumps(bundle)
    taken = [r for r in resources if r["resourceType"] == "MedicationStatement"]
    assert [r["medicationCodeableConcept"]["text"] for r in taken] == ["Baclofen"]


@pytest.mark.parametrize("how", ["wrong", "expired", "revoked", "locked", "deleted"])
def test_a_link_that_does_not_open_is_the_same_404_as_any_other_address(
    client, patient, fortnight, how
):
    link, token = issue(patient, *fortnight)
    if how == "wrong":
        token = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    elif how == "expired":
        ClinicianLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    elif how == "revoked":
        link.revoke()
    elif how == "locked":
        ClinicianLink.objects.filter(pk=link.pk).update(locked_at=timezone.now())
    else:
        link.delete()
    nowhere = client.get("/nothing-here/")

    for name in ("clinician_shared", "clinician_shared_pdf", "clinician_shared_fhir"):
        response = client.get(opened(token, name))
        assert response.status_code == 404
        assert page_of(response) == page_of(nowhere)
    assert not AccessLogEntry.objects.exists()


def test_every_opening_goes_in_the_patients_access_log(client, patient, fortnight):
    link, token = issue(patient, *fortnight)

    client.get(opened(token))
    client.get(opened(token, "clinician_shared_pdf"))
    client.get(opened(token, "clinician_shared_fhir"))

    log = [entry.description for entry in AccessLogEntry.objects.order_by("at", "pk")]
    assert log == [
        "opened the visit summary with the clinician link",
        "downloaded the visit summary (PDF) with the clinician link",
        "downloaded the summary's days (FHIR) with the clinician link",
    ]
    client.force_login(patient)
    sharing = client.get(jurl(patient, "sharing")).text
    assert "Someone opened the visit summary with the clinician link" in sharing
    link.refresh_from_db()
    assert link.times_opened == 3
    links_page = client.get(jurl(patient, "clinician_links")).text
    opened_at = timezone.localtime(link.last_opened_at, patient.zone)
    assert f"opened 3 times, last {opened_at:%-d %b, %H:%M}" in links_page


def test_a_link_takes_no_other_method(client, patient, fortnight):
    _, token = issue(patient, *fortnight)
    assert client.post(opened(token, "clinician_shared_pdf")).status_code == 405
    assert client.delete(opened(token)).status_code == 405
