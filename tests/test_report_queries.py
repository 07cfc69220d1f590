"""Every report and export reads a journal in a few queries, the same however long."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from symptoms.models import Entry
from tests.conftest import jurl
from treatments.models import DoseLog, SideEffect, Treatment, TreatmentPeriod
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db
MAX_QUERIES = 8  # the budget of every page, report and export (docs/performance.md)
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


def journal_of(patient, days: int) -> None:
    """Four entries and a check-in with an own trigger's answer a day, up to yesterday."""
    Entry.objects.filter(patient=patient).delete()
    CheckIn.objects.filter(patient=patient).delete()
    coffee, _ = OwnTrigger.objects.get_or_create(patient=patient, name="Coffee")
    today = patient.today()
    dates = [today - dt.timedelta(days=days_ago) for days_ago in range(1, days + 1)]
    check_ins = CheckIn.objects.bulk_create(
        CheckIn(patient=patient, date=date, overheated=date.day % 2 == 0) for date in dates
    )
    TagAnswer.objects.bulk_create(
        TagAnswer(check_in=c, trigger=coffee, present=c.date.day % 3 == 0) for c in check_ins
    )
    Entry.objects.bulk_create(
        entry(patient, dt.datetime.combine(date, dt.time(hour), patient.zone))
        for date in dates
        for hour in (8, 12, 16, 20)
    )


def treatments_of(patient, days: int) -> Treatment:
    """Over the journal's `days`: Tizanidine from the first day, its dose raised halfway or
    a fortnight ago, whichever is later (so the check-in asks about its side effects in a
    journal of any length), with mild sleepiness every third day; Baclofen when needed, a
    dose a day. Returns Tizanidine."""
    Treatment.objects.filter(patient=patient).delete()
    today = patient.today()
    first, raised = (today - dt.timedelta(days=n) for n in (days, min(days // 2, 14)))
    tizanidine = Treatment.objects.create(patient=patient, name="Tizanidine")
    baclofen = Treatment.objects.create(patient=patient, name="Baclofen")
    TreatmentPeriod.objects.bulk_create(
        [
            TreatmentPeriod(
                treatment=tizanidine, dose=Decimal(2), unit="mg", times_a_day=3, started=first,
                stopped=raised - dt.timedelta(days=1), stop_reason="dose_change",
            ),
            TreatmentPeriod(
                treatment=tizanidine, dose=Decimal(4), unit="mg", times_a_day=3, started=raised
            ),
            TreatmentPeriod(
                treatment=baclofen, dose=Decimal(10), unit="mg", schedule="as_needed", started=first
            ),
        ]
    )  # fmt: skip
    DoseLog.objects.bulk_create(
        DoseLog(patient=patient, treatment=baclofen, logged_by=patient, taken_at=when)
        for when in (timezone.now() - dt.timedelta(days=n, hours=2) for n in range(1, days))
    )
    SideEffect.objects.bulk_create(
        SideEffect(treatment=tizanidine, date=today - dt.timedelta(days=n), what="sleepiness",
                   severity="mild")
        for n in range(1, days, 3)
    )  # fmt: skip
    return tizanidine


def entry(patient, when: dt.datetime) -> Entry:
    if when.hour == 20:
        return Entry(
            patient=patient, kind="pain", pain_type="nerve", occurred_at=when, severity=6,
            regions=["left_foot"], with_new_symptoms=when.day == 1,
        )  # fmt: skip
    return Entry(patient=patient, kind="spasm", occurred_at=when, severity=4, regions=["left_leg"])


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200
    return len(captured)


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
