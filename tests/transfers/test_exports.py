"""The journal's exports: the CSV pair (zip) and the FHIR bundle, streamed while sent."""

import datetime as dt
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpResponse, StreamingHttpResponse
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from lib.http import attachment
from symptoms.models import Entry
from tests.support.makers import jurl, local, make_entry
from transfers.exporting import days_csv, entries_csv
from transfers.fhir import journal_bundle
from transfers.importing import import_journal
from triggers.models import CheckIn, OwnTrigger, TagAnswer


def streamed(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


@pytest.fixture
def full_journal(patient):
    coffee = OwnTrigger.objects.create(patient=patient, name="Coffee")
    make_entry(
        patient,
        occurred_at=local(2026, 3, 14, 8, 30),
        severity=6,
        regions=["left_leg", "right_leg"],
        duration_minutes=15,
        painful=True,
        tried=["stretching", "heat"],
        helped="partly",
        notes="Woke me, at dawn",
    )
    make_entry(
        patient,
        kind="pain",
        occurred_at=local(2026, 3, 14, 21, 10),
        severity=7,
        regions=["chest_band"],
        pain_type="nerve",
        sensations=["ms_hug", "burning"],
        pattern="constant",
        onset="gradual",
        with_new_symptoms=True,
        relieved_by=["painkillers"],
        worsened_by=["lying_down"],
        happened_before="different",
        before_when="two years ago",
        interference_sleep=8,
        interference_mood=5,
        interference_example='Said "no" to dinner',
    )
    first = CheckIn.objects.create(
        patient=patient,
        date=dt.date(2026, 3, 14),
        overheated=True,
        max_temp_c=27.5,
        humidity_pct=60,
        sleep_hours=5.5,
        sleep_quality=2,
        infection="uti",
        fever=False,
        activity="hard",
        steps=3000,
        stress=7,
    )
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 3, 15), stress=2)
    TagAnswer.objects.create(check_in=first, trigger=coffee, present=True)
    return patient


ENTRY_FIELDS = [
    "kind",
    "occurred_at",
    "severity",
    "regions",
    "notes",
    "duration_minutes",
    "painful",
    "tried",
    "helped",
    "pain_type",
    "sensations",
    "pattern",
    "onset",
    "with_new_symptoms",
    "relieved_by",
    "worsened_by",
    "happened_before",
    "before_when",
    "interference_sleep",
    "interference_work",
    "interference_sitting",
    "interference_walking",
    "interference_mood",
    "interference_example",
]
DAY_FIELDS = [
    "date",
    "overheated",
    "max_temp_c",
    "humidity_pct",
    "sleep_hours",
    "sleep_quality",
    "infection",
    "fever",
    "activity",
    "steps",
    "stress",
]


@pytest.mark.django_db
def test_csv_export_then_import_into_a_new_account_loses_nothing(full_journal, stranger):
    import_journal(
        patient=stranger, entries_csv=entries_csv(full_journal), days_csv=days_csv(full_journal)
    )
    for mine, theirs in zip(
        Entry.objects.filter(patient=full_journal).order_by("occurred_at"),
        Entry.objects.filter(patient=stranger).order_by("occurred_at"),
        strict=True,
    ):
        assert {f: getattr(mine, f) for f in ENTRY_FIELDS} == {
            f: getattr(theirs, f) for f in ENTRY_FIELDS
        }
    for mine, theirs in zip(
        CheckIn.objects.filter(patient=full_journal).order_by("date"),
        CheckIn.objects.filter(patient=stranger).order_by("date"),
        strict=True,
    ):
        assert {f: getattr(mine, f) for f in DAY_FIELDS} == {
            f: getattr(theirs, f) for f in DAY_FIELDS
        }
    assert TagAnswer.objects.get(check_in__patient=stranger).trigger.name == "Coffee"


@pytest.mark.django_db
def test_the_web_export_is_a_zip_of_every_file(patient_client, full_journal):
    response = patient_client.get(jurl(full_journal, "export_csv"))
    archive = zipfile.ZipFile(io.BytesIO(streamed(response)))
    assert sorted(archive.namelist()) == [
        "days.csv",
        "doses.csv",
        "entries.csv",
        "side_effects.csv",
        "treatments.csv",
    ]
    assert archive.read("entries.csv").decode() == entries_csv(full_journal)


@pytest.mark.django_db
def test_fhir_bundle_validates_and_carries_the_codes_and_values(patient_client, full_journal):
    data = json.loads(streamed(patient_client.get(jurl(full_journal, "export_fhir"))))
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    resources = [e.resource for e in bundle.entry]
    patient = resources[0]
    assert patient.get_resource_type() == "Patient"
    assert patient.name[0].text == "Pat" and not patient.telecom  # no e-mail, nothing not given
    observations = resources[1:]
    spasm, pain = [r for r in observations if r.code.coding[0].code == "75325-1"]
    assert (
        spasm.component[0].code.coding[0].code == "64750-3" and spasm.component[0].valueInteger == 6
    )
    assert [c.code for c in spasm.bodySite.coding] == ["left_leg", "right_leg"]
    codes = {c.code.coding[0].code: c for c in pain.component}
    assert codes["72514-3"].valueInteger == 7
    assert codes["99495-4"].valueString == "Bit by bit"
    assert codes["100753-3"].valueString == "Painkillers"
    assert codes["100752-5"].valueString == "Lying down"
    check_ins = [r for r in observations if r.code.coding[0].code == "daily-check-in"]
    assert len(check_ins) == 2 and str(check_ins[0].effectiveDateTime) == "2026-03-14"
    values = {c.code.coding[0].code: c for c in check_ins[0].component}
    assert (
        values["max-temperature"].valueQuantity.value == 27.5
        and values["tag:Coffee"].valueBoolean is True
    )


@pytest.mark.django_db
def test_export_summary_command_writes_each_format(full_journal, tmp_path):
    out = StringIO()
    call_command(
        "export_summary",
        "--user",
        full_journal.email,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "s.pdf"),
        stdout=out,
    )
    assert "2 of 31 days recorded" in " ".join(
        p.extract_text() for p in PdfReader(tmp_path / "s.pdf").pages
    )
    call_command(
        "export_summary",
        "--user",
        full_journal.email,
        "--format",
        "csv",
        "--out",
        str(tmp_path / "csv"),
        stdout=out,
    )
    assert (tmp_path / "csv" / "entries.csv").read_bytes().decode() == entries_csv(full_journal)
    call_command(
        "export_summary",
        "--user",
        full_journal.email,
        "--format",
        "fhir",
        "--out",
        str(tmp_path / "b.json"),
        stdout=out,
    )
    Bundle.model_validate_json((tmp_path / "b.json").read_text())
    assert (
        json.loads((tmp_path / "b.json").read_text())["entry"][0]["resource"]
        == journal_bundle(full_journal)["entry"][0]["resource"]
    )
    with pytest.raises(CommandError, match="No account"):
        call_command(
            "export_summary", "--user", "x@example.com", "--format", "pdf", "--out", "x.pdf"
        )


@pytest.mark.django_db
def test_exports_are_the_patients_alone(client, full_journal, viewer):
    client.force_login(viewer)
    assert client.get(jurl(full_journal, "export_csv")).status_code == 404
    assert client.get(jurl(full_journal, "export_fhir")).status_code == 404
    assert client.get(jurl(full_journal, "summary_pdf")).status_code == 200


def test_a_file_name_built_from_stored_text_still_makes_a_download_header():
    response = attachment(HttpResponse(), "summary of Pat\r\nBrown\u202e.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="summary of Pat Brown.pdf"'
    response = attachment(HttpResponse(), 'Zoë "Z".pdf')
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Zo%C3%AB%20%22Z%22.pdf"
