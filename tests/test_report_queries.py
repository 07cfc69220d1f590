"""Every report and export reads a journal in the same number of queries, however long."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from symptoms.models import Entry
from tests.conftest import jurl
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db

REPORTS = [
    ("insights", "?days=90"),
    ("week", ""),
    ("summary_print", ""),
    ("summary_pdf", ""),
    ("export_csv", ""),
    ("export_fhir", ""),
]


def journal_of(patient, days: int) -> None:
    """Four entries and a check-in with an own trigger's answer a day, up to yesterday."""
    Entry.objects.filter(patient=patient).delete()
    CheckIn.objects.filter(patient=patient).delete()
    coffee, _ = OwnTrigger.objects.get_or_create(patient=patient, name="Coffee")
    today = timezone.localdate(timezone=patient.zone)
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


@pytest.mark.parametrize(("name", "query"), REPORTS)
def test_a_report_takes_the_same_queries_for_a_week_and_for_months(
    patient_client, patient, name, query
):
    url = jurl(patient, name, query=query.lstrip("?"))
    journal_of(patient, days=7)
    short = queries(patient_client, url)
    journal_of(patient, days=600)
    assert queries(patient_client, url) == short


def test_the_visit_summary_reads_a_long_range_in_the_same_queries(patient_client, patient):
    journal_of(patient, days=600)
    today = timezone.localdate(timezone=patient.zone)
    week = f"start={today - dt.timedelta(days=6)}&end={today}"
    months = f"start={today - dt.timedelta(days=599)}&end={today}"
    for name in ("summary_print", "summary_pdf"):
        assert queries(patient_client, jurl(patient, name, query=week)) == queries(
            patient_client, jurl(patient, name, query=months)
        )
