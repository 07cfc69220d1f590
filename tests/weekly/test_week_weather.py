"""The week counts a hot day from the weather where the patient said nothing of the heat."""

import datetime as dt

import pytest

from tests.support.makers import jurl, local, make_entry, place, weather
from triggers.models import CheckIn
from weekly.data import load_review

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 7, 6)


@pytest.fixture
def hot_week(patient):
    """Every day of the week 29 °C in Leeds; entries on Monday, a check-in on Tuesday
    that says nothing of the heat, and nothing at all on Wednesday."""
    leeds = place(patient)
    for n in range(7):
        weather(leeds, MONDAY + dt.timedelta(days=n), 29)
    make_entry(patient, occurred_at=local(2026, 7, 6, 9, 0))
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 7), sleep_hours=8)
    return patient


def test_the_weeks_hot_days_include_the_weathers_on_recorded_days_only(hot_week):
    monday, tuesday, wednesday, *_ = load_review(hot_week, MONDAY).days
    assert monday.triggers["heat"] is True and tuesday.triggers["heat"] is True
    assert not wednesday.recorded and wednesday.triggers == {}


def test_the_weather_does_not_stand_over_a_cool_day_the_patient_typed(hot_week):
    CheckIn.objects.filter(date=dt.date(2026, 7, 7)).update(max_temp_c=18)
    _, tuesday, *_ = load_review(hot_week, MONDAY).days
    assert tuesday.triggers["heat"] is False


def test_the_weeks_table_says_hot_on_a_day_of_entries_only(patient_client, hot_week):
    html = patient_client.get(jurl(hot_week, "week_of", MONDAY)).content.decode()
    table = html.split("Each day of the week")[1]
    head, body = table.split("</thead>")
    heads = [h.split("<")[0] for h in head.split('<th scope="col">')[1:]]
    hot = heads.index("Hot") - 1  # the first head is the day's, in each row's <th>
    rows = {
        r.split("</th>")[0].split(">")[-1]: [c.split("<")[0] for c in r.split("<td>")[1:]]
        for r in body.split("<tr>")[1:]
    }
    assert rows["Mon 6"][hot] == "yes"  # entries only: the weather's 29 °C
    assert rows["Wed 8 (not recorded)"][hot] == "–"
