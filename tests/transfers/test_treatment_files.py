"""Treatments in the CSV files and the FHIR bundle: out and back in, nothing lost."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from tests.support.makers import PASSWORD, jurl, start
from transfers.exporting import csv_zip
from transfers.fhir import journal_bundle
from transfers.importing import ImportRejected, import_journal
from transfers.streaming import csv_text
from transfers.treatment_files import TREATMENT_COLUMNS, dose_rows, side_effect_rows, treatment_rows
from treatments.models import DoseLog, SideEffect, TreatmentPeriod
from treatments.services import dose_log_create, side_effect_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def treated(patient, logger):
    today = timezone.localdate()
    tizanidine = start(patient, "Tizanidine", days_ago=60, notes="Started by Dr Okafor")
    tizanidine.change_dose(dose=Decimal("4.25"), unit="mg", on=today - dt.timedelta(days=20))
    tizanidine.stop(on=today - dt.timedelta(days=2), reason="side_effects")
    diazepam = start(patient, "Diazepam", schedule="as_needed", days_ago=10)
    start(patient, "=Physio", kind="therapy", dose=None, unit="", schedule="regular")
    for reason, who in (("spasm", patient), ("pain", logger), ("", patient)):
        dose_log_create(
            patient=patient,
            treatment=diazepam,
            reason=reason,
            taken_at=timezone.now() - dt.timedelta(hours=3),
            logged_by=who,
        )
    side_effect_record(treatment=tizanidine, date=today, severity="moderate", what="dizziness")
    side_effect_record(treatment=tizanidine, date=today, severity="none")
    return patient


def texts(patient) -> dict[str, str]:
    return {
        "treatments_csv": "".join(csv_text(treatment_rows(patient))),
        "doses_csv": "".join(csv_text(dose_rows(patient))),
        "side_effects_csv": "".join(csv_text(side_effect_rows(patient))),
    }


def snapshot(patient) -> dict:
    periods = TreatmentPeriod.objects.for_patient(patient).order_by("treatment__name", "started")
    doses = DoseLog.objects.for_patient(patient).order_by("uuid")
    effects = SideEffect.objects.for_patient(patient).order_by("date", "what")
    return {
        "periods": [
            (
                p.treatment.name,
                p.treatment.kind,
                p.dose,
                p.unit,
                p.schedule,
                p.times_a_day,
                p.started,
                p.stopped,
                p.stop_reason,
                p.notes,
            )
            for p in periods
        ],
        "doses": [(d.uuid, d.treatment.name, d.taken_at, d.reason) for d in doses],
        "effects": [(e.treatment.name, e.date, e.what, e.severity) for e in effects],
    }


def test_notes_typed_when_adding_a_treatment_survive_the_round_trip(treated, django_user_model):
    other = django_user_model.objects.create_user("other@example.com", PASSWORD)
    import_journal(patient=other, **texts(treated))
    first = TreatmentPeriod.objects.for_patient(other).order_by("started").first()
    assert first.notes == "Started by Dr Okafor"


def test_the_treatments_file_has_exactly_the_documented_columns(treated):
    header = texts(treated)["treatments_csv"].splitlines()[0]
    assert header.split(",") == TREATMENT_COLUMNS


def test_a_formula_like_name_is_neutralised_and_restored(treated):
    assert "'=Physio" in texts(treated)["treatments_csv"]


def test_export_then_import_into_a_fresh_account_loses_nothing(treated, django_user_model):
    fresh = django_user_model.objects.create_user("fresh@example.com", PASSWORD)
    summary = import_journal(patient=fresh, **texts(treated))
    assert summary.treatments_added == {
        "treatments": 3,
        "periods": 4,
        "doses": 3,
        "side effects": 2,
    }
    assert snapshot(fresh) == snapshot(treated)
    assert DoseLog.objects.for_patient(fresh).filter(logged_by=fresh).count() == 2


def test_importing_the_same_files_again_changes_nothing(treated):
    before = snapshot(treated)
    summary = import_journal(patient=treated, **texts(treated))
    assert summary.treatments_added == {
        "treatments": 0,
        "periods": 0,
        "doses": 0,
        "side effects": 0,
    }
    assert snapshot(treated) == before


def test_every_problem_is_reported_by_file_row_and_column_and_nothing_is_written(patient):
    treatments = (
        "name,kind,dose,unit,schedule,times_a_day,started,stopped,stop_reason,notes\r\n"
        "Baclofen,medicine,-1,mg,regular,3,2024-01-01,,,\r\n"
        "Tizanidine,pill,2,mg,regular,3,2024-01-01,2023-01-01,,\r\n"
        "Gabapentin,medicine,100,mg,regular,,2999-01-01,,,\r\n"
    )
    doses = "id,treatment,taken_at,reason,logged_by\r\n,Nothing,2024-01-01T08:00,spasm,patient\r\n"
    with pytest.raises(ImportRejected) as caught:
        import_journal(patient=patient, treatments_csv=treatments, doses_csv=doses)
    found = {(p.file, p.row, p.column) for p in caught.value.problems}
    assert {
        ("treatments file", 2, "dose"),
        ("treatments file", 3, "kind"),
        ("treatments file", 3, "stopped"),
        ("treatments file", 4, "started"),
        ("doses file", 2, "treatment"),
    } <= found
    assert not TreatmentPeriod.objects.exists()


def test_two_open_periods_of_one_treatment_are_refused(patient):
    treatments = (
        "name,kind,dose,unit,schedule,times_a_day,started,stopped,stop_reason,notes\r\n"
        "Baclofen,medicine,10,mg,regular,3,2024-01-01,,,\r\n"
        "baclofen,medicine,20,mg,regular,3,2024-06-01,,,\r\n"
    )
    with pytest.raises(ImportRejected) as caught:
        import_journal(patient=patient, treatments_csv=treatments)
    assert "row 2" in str(caught.value.problems[0])


def test_the_zip_export_carries_the_treatment_files(treated):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(csv_zip(treated))))
    assert {"treatments.csv", "doses.csv", "side_effects.csv"} <= set(archive.namelist())


def test_the_commands_write_and_read_the_treatment_files(treated, tmp_path, django_user_model):
    call_command("export_summary", user=treated.email, format="csv", out=str(tmp_path))
    fresh = django_user_model.objects.create_user("fresh@example.com", PASSWORD)
    call_command(
        "import_journal",
        user=fresh.email,
        treatments=str(tmp_path / "treatments.csv"),
        doses=str(tmp_path / "doses.csv"),
        side_effects=str(tmp_path / "side_effects.csv"),
        stdout=io.StringIO(),
    )
    assert snapshot(fresh) == snapshot(treated)


def test_the_import_page_takes_the_treatments_file(patient_client, patient):
    upload = io.BytesIO(
        b"name,kind,dose,unit,schedule,times_a_day,started,stopped,stop_reason,notes\r\n"
        b"Baclofen,medicine,10,mg,regular,3,2024-01-01,,,\r\n"
    )
    upload.name = "treatments.csv"
    response = patient_client.post(jurl(patient, "import"), {"treatments": upload})
    assert "1 periods" in response.content.decode()
    assert TreatmentPeriod.objects.for_patient(patient).get().dose == Decimal("10")


def test_each_treatment_period_is_a_valid_medication_statement(treated):
    bundle = journal_bundle(treated)
    Bundle.model_validate(bundle)
    statements = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "MedicationStatement"
    ]
    assert len(statements) == 4
    tizanidine = [s for s in statements if s["medicationCodeableConcept"]["text"] == "Tizanidine"]
    assert tizanidine[0]["medicationCodeableConcept"]["coding"][0]["code"] == "57258"
    assert {s["status"] for s in tizanidine} == {"completed"}
    physio = next(s for s in statements if s["medicationCodeableConcept"]["text"] == "=Physio")
    assert "coding" not in physio["medicationCodeableConcept"]
