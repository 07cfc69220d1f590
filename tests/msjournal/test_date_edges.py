"""Dates near the edges of the calendar: refused with a message, a 404, or simply shown.

A journal covers 1900 to today. Year 1 or 9999 cannot even be moved by a time zone
without overflowing, so no URL, filter or form lets them through, and an entry stored
before the forms refused them stays out of the way.
"""

import datetime as dt
import zoneinfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lib.limits import EARLIEST_DATE, LATEST_DATE
from symptoms.models import Entry, local_day_bounds
from tests.support.makers import jurl, make_entry
from triggers.models import CheckIn
from visits.data import MAX_RANGE_DAYS, default_range
from visits.models import VisitPrep

pytestmark = pytest.mark.django_db
FAR_ZONES = ["America/New_York", "Pacific/Kiritimati"]
YEAR_ONE = dt.date(1, 1, 1)


@pytest.fixture
def in_zone(patient, request):
    patient.time_zone = request.param
    patient.save()
    return patient


@pytest.mark.parametrize("day", [YEAR_ONE, dt.date(1899, 12, 25), dt.date(9999, 12, 27)])
def test_a_week_outside_the_journal_is_not_found(patient_client, patient, day):
    assert patient_client.get(jurl(patient, "week_of", day)).status_code == 404


@pytest.mark.parametrize("in_zone", FAR_ZONES, indirect=True)
def test_the_first_week_of_1900_shows_its_entry_and_no_week_before(patient_client, in_zone):
    here = zoneinfo.ZoneInfo(in_zone.time_zone)
    make_entry(in_zone, occurred_at=dt.datetime(1900, 1, 1, 0, 30, tzinfo=here), severity=8)
    response = patient_client.get(jurl(in_zone, "week_of", EARLIEST_DATE))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Week before" not in html
    assert "Week after" in html
    assert response.context["review"].days[0].spasm_max == 8


def test_a_check_in_for_year_one_is_not_found(patient_client, patient):
    assert patient_client.get(jurl(patient, "check_in_day", YEAR_ONE)).status_code == 404
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("in_zone", FAR_ZONES, indirect=True)
def test_the_check_in_for_1_january_1900_has_no_day_before(patient_client, in_zone):
    response = patient_client.post(jurl(in_zone, "check_in_day", EARLIEST_DATE), {"stress": "3"})
    assert response.status_code == 302
    assert CheckIn.objects.get(patient=in_zone).date == EARLIEST_DATE
    html = patient_client.get(response.url).content.decode()
    assert "← Check-in for" not in html


def test_a_history_page_past_the_last_shows_the_last_page(patient_client, patient):
    for hours in range(35):
        make_entry(patient, occurred_at=timezone.now() - dt.timedelta(hours=hours + 1))
    response = patient_client.get(jurl(patient, "history", query="page=999999"))
    assert response.status_code == 200
    assert "Page 2 of 2" in response.content.decode()


@pytest.mark.parametrize("in_zone", FAR_ZONES, indirect=True)
def test_history_up_to_a_far_future_day_shows_every_entry(patient_client, in_zone):
    make_entry(in_zone)
    response = patient_client.get(jurl(in_zone, "history"), {"end": "8999-12-31"})
    assert response.context["form"].is_valid()
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("end", "9999-12-31", "That date is after 9000. Check the year."),
        ("start", "0001-01-01", "That date is before 1900. Check the year."),
    ],
)
def test_history_refuses_a_filter_date_off_the_calendar_by_the_field(
    patient_client, patient, field, typed, message
):
    response = patient_client.get(jurl(patient, "history"), {field: typed})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert f'value="{typed}"' in response.content.decode()


@pytest.mark.parametrize("in_zone", ["UTC", *FAR_ZONES], indirect=True)
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0001-01-01T00:00", "That date is before 1900. Check the year."),
        ("1899-12-31T23:59", "That date is before 1900. Check the year."),
        ("9999-12-31T23:59", "That time is in the future. Pick a time that has passed."),
    ],
)
def test_the_entry_form_refuses_a_year_off_the_calendar_and_keeps_it(
    patient_client, in_zone, typed, message
):
    response = patient_client.post(
        jurl(in_zone, "spasm_create"),
        {"occurred_at": typed, "regions": ["left_leg"], "severity": "4"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["occurred_at"] == [message]
    assert f'value="{typed}"' in response.content.decode()
    assert not Entry.objects.exists()


@pytest.mark.parametrize("in_zone", FAR_ZONES, indirect=True)
def test_an_entry_at_half_past_midnight_on_1_january_1900_is_kept(patient_client, in_zone):
    response = patient_client.post(
        jurl(in_zone, "pain_create"),
        {"occurred_at": "1900-01-01T00:30", "regions": ["neck"], "severity": "3"}
        | {"pain_type": "nerve"},
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert timezone.localtime(entry.occurred_at, in_zone.zone).date() == EARLIEST_DATE


def test_the_visit_summary_refuses_a_start_before_1900_by_the_field(patient_client, patient):
    response = patient_client.get(
        jurl(patient, "summary"), {"start": "0001-01-01", "end": "0001-01-02"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"] == ["That date is before 1900. Check the year."]
    assert 'value="0001-01-01"' in response.content.decode()


def test_a_last_visit_before_1900_is_refused_by_the_field(patient_client, patient):
    response = patient_client.post(
        jurl(patient, "summary_prepare"), {"last_visit": "0001-01-01", "questions": ""}
    )
    assert response.status_code == 200
    assert response.context["prep_form"].errors["last_visit"] == [
        "That date is before 1900. Check the year."
    ]
    assert not VisitPrep.objects.exists()


def test_a_last_visit_long_ago_gives_a_summary_of_three_years(patient):
    VisitPrep.objects.create(patient=patient, last_visit=dt.date(1950, 5, 1))
    first, last = default_range(patient)
    assert (last - first).days == MAX_RANGE_DAYS


def test_the_database_itself_refuses_an_entry_or_a_check_in_before_1900(patient):
    """Whatever way in a future change opens, no page will meet a date it cannot draw."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make_entry(patient, occurred_at=dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC))
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(patient=patient, date=YEAR_ONE)
    assert not Entry.objects.exists() and not CheckIn.objects.exists()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/New_York", "UTC"])
@pytest.mark.parametrize(
    ("first", "last"), [(YEAR_ONE, YEAR_ONE), (dt.date(9999, 12, 31), dt.date(9999, 12, 31))]
)
def test_local_day_bounds_never_overflow_at_the_ends_of_the_calendar(zone, first, last):
    start, end = local_day_bounds(first, last, zoneinfo.ZoneInfo(zone))
    assert start.astimezone(dt.UTC) < end.astimezone(dt.UTC)
    assert EARLIEST_DATE - dt.timedelta(days=1) <= start.date() <= LATEST_DATE
