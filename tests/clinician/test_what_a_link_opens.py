"""The clinician's side: what a link opens, for nobody logged in, and what it never shows."""

import datetime as dt
import io
import json
import re

import pytest
from django.test import Client
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


def let_in(client, token: str) -> str:
    """Press the door's "Open the summary", as the clinician does; the summary's address."""
    assert client.post(opened(token)).url == opened(token)
    return opened(token)


def page_of(response) -> str:
    """The page as a person reads it: every answer carries a CSRF token of its own."""
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", response.content.decode())


def test_the_link_opens_the_summary_of_its_days_without_an_account(client, patient, fortnight):
    first, last = fortnight
    _, token = issue(patient, first, last)

    response = client.get(let_in(client, token))

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
    _, token = issue(patient, first, last, questions="Can I raise the baclofen?")

    text = client.get(let_in(client, token)).text

    assert "Can I raise the baclofen?" in text  # the patient's questions are the summary's
    for elsewhere in ("Vic", "Anna", "viewer@example.com", "logger@example.com"):
        assert elsewhere not in text
    # No menu, no journal address, no way into history, the week or other days.
    assert patient.journal_key not in text
    assert "History" not in text and "/j/" not in text
    assert "MONTH BEFORE" not in text


def test_a_preview_fetching_the_link_finds_a_door_with_no_name_and_logs_nothing(
    client, patient, fortnight
):
    _, token = issue(patient, *fortnight)

    door = client.get(opened(token))  # what a chat app or a mail scanner fetches

    assert "Open the summary" in door.text
    assert "Pat" not in door.text and "Summary for the neurologist" not in door.text
    assert "<title>Visit summary · MS Journal</title>" in door.text
    assert door["Referrer-Policy"] == "same-origin"  # the form's Origin, for CSRF
    for download in ("clinician_shared_pdf", "clinician_shared_fhir"):
        assert client.get(opened(token, download)).url == opened(token)
    assert not AccessLogEntry.objects.exists()
    assert ClinicianLink.objects.get().times_opened == 0


def test_the_questions_are_those_of_when_the_link_was_made(patient_client, patient, fortnight):
    VisitPrep.objects.create(patient=patient, questions="Can I raise the baclofen?")
    first, last = fortnight
    data = {"start": first, "end": last, "lifetime": "week", "pin": ""}
    made = patient_client.post(jurl(patient, "clinician_links"), data, follow=True)
    url = re.search(r'id="clinician-link" type="text" readonly value="([^"]+)"', made.text)[1]
    VisitPrep.objects.filter(patient=patient).update(questions="For the new neurologist only")

    clinic = Client()
    clinic.post(url)
    text = clinic.get(url).text

    assert "Can I raise the baclofen?" in text
    assert "For the new neurologist only" not in text


def test_the_answers_ask_not_to_be_kept_indexed_or_referred(client, patient, fortnight):
    _, token = issue(patient, *fortnight)
    let_in(client, token)
    for name in ("clinician_shared", "clinician_shared_pdf", "clinician_shared_fhir"):
        response = client.get(opened(token, name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in client.get(opened(token)).text
    missing = client.get(opened("x" * 43))
    assert missing.status_code == 404 and missing["X-Robots-Tag"] == "noindex, nofollow"
    assert client.head(opened(token, "clinician_shared_pdf")).status_code == 405


def test_the_pdf_is_the_summary_of_the_links_days(client, patient, fortnight):
    first, last = fortnight
    _, token = issue(patient, first, last)
    let_in(client, token)

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
    let_in(client, token)

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

    client.get(let_in(client, token))
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
