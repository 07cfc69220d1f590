"""The visit summary's "at a glance" counts hot days from the weather on recorded days,
and says how many of its days had only the weather to tell their heat."""

import datetime as dt

import pytest

from tests.support.makers import jurl, local, make_entry, place, weather
from triggers.models import CheckIn
from visits.data import VisitSummary
from visits.figures import visit_figures
from visits.sections import sections

pytestmark = pytest.mark.django_db
FIRST, LAST = dt.date(2026, 7, 1), dt.date(2026, 7, 14)


def glance(client, patient) -> str:
    html = client.get(jurl(patient, "summary_print"), {"start": FIRST, "end": LAST})
    return html.content.decode().split('<section class="glance">')[1].split("</section>")[0]


def test_at_a_glance_counts_the_weathers_hot_days_where_the_patient_said_nothing(
    patient_client, patient
):
    leeds = place(patient)
    for n in range(14):
        weather(leeds, FIRST + dt.timedelta(days=n), 30 if n < 3 else 15)
    for day in (1, 2, 5):  # entries only: hot, hot, cool
        make_entry(patient, occurred_at=local(2026, 7, day, 9, 0))
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 3), overheated=False)
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 10), overheated=True)
    text = glance(patient_client, patient)
    # The 1st, 2nd (entries) and the 3rd (not overheated, but 30 °C) from the weather,
    # the 10th from the patient's answer; the 4th had weather and nothing recorded.
    assert "4 hot days" in text
    assert (
        "(of 2 days with a check-in and 3 days with only the weather’s temperature; "
        "weather data by Open-Meteo.com)"
    ) in text


def test_without_weather_the_period_held_reads_as_before():
    flags = {FIRST: {"heat": True}, LAST: {"heat": False}}
    f = visit_figures(FIRST, LAST, [], set(flags), flags)
    lines = " ".join(next(s for s in sections_of(f) if s.title == "At a glance").lines)
    assert "1 hot day" in lines and "(of 2 days with a check-in)." in lines


def sections_of(figures):
    return sections(VisitSummary(None, figures, [], "", None))
