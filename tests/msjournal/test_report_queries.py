"""Every report and export reads a journal in a few queries, the same however long."""

import datetime as dt
import io
import zipfile

import pytest

from tests.support.makers import journal_of, jurl, treatments_of
from tests.support.queries import MAX_QUERIES, queries

pytestmark = pytest.mark.django_db
FIVE_YEARS = 5 * 365 + 1

REPORTS = [
    ("insights", "days=90"),
    ("week", ""),
    ("summary", ""),
    ("summary_print", ""),
    ("summary_pdf", ""),
    ("export_csv", ""),
    ("export_fhir", ""),
    ("treatment_effect", ""),  # the before/after page of Tizanidine
]


def _every_report_queries(client, patient, days: int) -> dict[str, int]:
    journal_of(patient, days)
    tizanidine = treatments_of(patient, days)
    counted = {}
    for name, query in REPORTS:
        of_tizanidine = [tizanidine.pk] if name == "treatment_effect" else []
        counted[name] = queries(client, jurl(patient, name, *of_tizanidine, query=query))
    return counted


def test_every_report_takes_a_few_queries_the_same_for_a_week_and_five_years(
    patient_client, patient
):
    short = _every_report_queries(patient_client, patient, 7)
    assert max(short.values()) <= MAX_QUERIES, short
    assert _every_report_queries(patient_client, patient, FIVE_YEARS) == short


def test_the_visit_summary_reads_a_long_range_in_the_same_queries(patient_client, patient):
    journal_of(patient, days=600)
    treatments_of(patient, days=600)
    today = patient.today()
    week = f"start={today - dt.timedelta(days=6)}&end={today}"
    months = f"start={today - dt.timedelta(days=599)}&end={today}"
    for name in ("summary_print", "summary_pdf"):
        counted = queries(patient_client, jurl(patient, name, query=week))
        assert counted <= MAX_QUERIES
        assert queries(patient_client, jurl(patient, name, query=months)) == counted


def test_the_counted_summary_and_export_hold_every_treatment_dose_and_side_effect(
    patient_client, patient
):
    journal_of(patient, days=30)
    treatments_of(patient, days=30)
    html = patient_client.get(jurl(patient, "summary_print")).content.decode()
    raised = patient.today() - dt.timedelta(days=14)
    assert "Taking now: Baclofen 10 mg when needed, since" in html
    assert f"; Tizanidine 4 mg 3 times a day, since {raised:%-d %b %Y}." in html
    assert f"{raised:%-d %b %Y}: Tizanidine dose changed to 4 mg." in html
    assert html.count("sleepiness (mild)") == 10
    response = patient_client.get(jurl(patient, "export_csv"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = {name: archive.read(name).decode().count("\r\n") - 1 for name in archive.namelist()}
    assert (rows["treatments.csv"], rows["doses.csv"], rows["side_effects.csv"]) == (3, 29, 10)
