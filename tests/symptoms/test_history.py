import datetime as dt
import re

import pytest
from django.utils import timezone

from symptoms.views import HISTORY_PAGE_SIZE
from tests.support.makers import jurl, local, make_entry

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def day_headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="day-\d+">([^<]+)</h2>', html)


def test_history_groups_entries_by_local_day_newest_first(patient_client, patient):
    make_entry(patient, occurred_at=local(2026, 7, 1, 23, 30))  # 22:30 UTC
    make_entry(patient, occurred_at=local(2026, 7, 3, 9, 0))
    html = patient_client.get(jurl(patient, "history")).content.decode()
    assert day_headings(html) == ["Friday 3 July 2026", "Wednesday 1 July 2026"]
    assert "23:30" in html


def test_history_gives_how_long_only_when_it_lasted(patient_client, patient):
    make_entry(patient, occurred_at=local(2026, 7, 1, 9, 0), duration_minutes=0)
    make_entry(patient, occurred_at=local(2026, 7, 1, 10, 0), duration_minutes=15)
    html = patient_client.get(jurl(patient, "history")).content.decode()
    assert "· 15 min" in html
    assert "0 min" not in html.replace("15 min", "")


def test_history_follows_the_patients_zone_when_it_changes(patient_client, patient):
    make_entry(patient, occurred_at=local(2026, 7, 1, 23, 30))
    patient.time_zone = "Asia/Tokyo"
    patient.save()
    html = patient_client.get(jurl(patient, "history")).content.decode()
    assert day_headings(html) == ["Thursday 2 July 2026"]


def test_history_filters_by_kind_and_local_dates(patient_client, patient):
    make_entry(patient, occurred_at=local(2026, 7, 1, 23, 30), notes="edge")
    make_entry(patient, kind="pain", occurred_at=local(2026, 7, 1, 12, 0))
    make_entry(patient, occurred_at=local(2026, 7, 2, 0, 10))
    response = patient_client.get(
        jurl(patient, "history"), {"kind": "spasm", "start": "2026-07-01", "end": "2026-07-01"}
    )
    days = response.context["days"]
    assert [[e.kind for e in entries] for _, entries in days] == [["spasm"]]


def test_bad_filter_dates_are_explained_and_kept(patient_client, patient):
    response = patient_client.get(
        jurl(patient, "history"), {"start": "2026-13-45", "end": "2026-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a date like" in html
    assert 'value="2026-13-45"' in html


def test_end_before_start_is_explained(patient_client, patient):
    html = patient_client.get(
        jurl(patient, "history"), {"start": "2026-05-02", "end": "2026-05-01"}
    ).content.decode()
    assert "end date is before the start date" in html


def test_history_pages_through_long_journals_in_a_fixed_number_of_queries(
    patient_client, patient, django_assert_max_num_queries
):
    now = timezone.now()
    for hours in range(HISTORY_PAGE_SIZE * 2 + 5):
        make_entry(patient, occurred_at=now - dt.timedelta(hours=hours + 1))
    with django_assert_max_num_queries(5):
        first = patient_client.get(jurl(patient, "history"))
    assert sum(len(entries) for _, entries in first.context["days"]) == HISTORY_PAGE_SIZE
    last = patient_client.get(jurl(patient, "history"), {"page": 3})
    assert sum(len(entries) for _, entries in last.context["days"]) == 5
    assert "Page 3 of 3" in last.content.decode()


def test_page_links_keep_the_filters(patient_client, patient):
    for hours in range(HISTORY_PAGE_SIZE + 1):
        make_entry(patient, occurred_at=timezone.now() - dt.timedelta(hours=hours + 1))
    html = patient_client.get(jurl(patient, "history"), {"kind": "spasm"}).content.decode()
    assert 'href="?kind=spasm&amp;page=2"' in html


def test_htmx_filter_returns_only_the_results(patient_client, patient):
    make_entry(patient)
    html = patient_client.get(jurl(patient, "history"), {"kind": "spasm"}, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="history">')
    assert "<html" not in html


def test_history_of_someone_else_is_not_found(stranger_client, stranger, patient):
    make_entry(patient, notes="private")
    assert stranger_client.get(jurl(patient, "history")).status_code == 404
    response = stranger_client.get(jurl(stranger, "history"))
    assert response.context["page"].paginator.count == 0
