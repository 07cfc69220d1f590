"""Explore: symptoms and the triggers' inputs on one timeline, for a week to the whole journal."""

import datetime as dt
import json
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client

from analysis.explore import MAX_POINTS
from tests.support.makers import counted, jurl, make_entry, medicine
from triggers.models import CheckIn

pytestmark = pytest.mark.django_db

SERIES = [
    "Spasms a day",
    "Worst pain (0–10)",
    "Outside temperature (°C)",
    "Sleep (hours)",
    "Steps",
    "Stress (0–10)",
    "Infection days",
]


def figure(client, patient, **query) -> dict:
    response = client.get(jurl(patient, "explore"), {**query, "as": "figure"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def traces(shown: dict) -> dict[str, dict]:
    return {trace["name"]: trace for trace in shown["data"]}


def point(trace: dict, day: dt.date):
    return trace["y"][trace["x"].index(day.isoformat())]


class Scripts(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.sources: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.sources.append(dict(attrs).get("src", "inline"))


@pytest.fixture
def a_full_day(patient):
    """Yesterday: two spasms, pain 6, and a check-in with every trigger's input; sleep
    and steps from the phone's health app."""
    day = patient.today() - dt.timedelta(days=1)
    noon = dt.datetime.combine(day, dt.time(12), patient.zone)
    make_entry(patient, occurred_at=noon, severity=4)
    make_entry(patient, occurred_at=noon, severity=7)
    make_entry(patient, kind="pain", occurred_at=noon, severity=6)
    CheckIn.objects.create(
        patient=patient, date=day, max_temp_c=Decimal("28.5"), stress=7, infection="uti"
    )
    counted(patient, day, sleep_hours=5.5, steps=4200)
    return day


def test_the_page_draws_the_range_on_the_server_and_loads_no_chart_library(
    patient_client, patient, a_full_day
):
    response = patient_client.get(jurl(patient, "explore"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="svg-chart"') == 2
    assert f"{a_full_day:%a %-d %b %Y}" in html  # its row in the table
    # plotly.js is only named for the page's script to fetch when asked; no <script> loads it.
    assert [src for src in Scripts(html).sources if "plotly" in src] == []
    assert "vendor/plotly/plotly-scatter-bar" in html


def test_the_figure_holds_each_series_by_name_with_the_days_values(
    patient_client, patient, a_full_day
):
    shown = traces(figure(patient_client, patient))
    assert list(shown) == SERIES
    values = {name: point(trace, a_full_day) for name, trace in shown.items()}
    assert values == {
        "Spasms a day": 2,
        "Worst pain (0–10)": 6,
        "Outside temperature (°C)": 28.5,
        "Sleep (hours)": 5.5,
        "Steps": 4200,
        "Stress (0–10)": 7,
        "Infection days": 1,
    }
    # A phone shows three at first; the buttons under the plot switch on the rest.
    hidden = [name for name, trace in shown.items() if trace.get("visible") == "legendonly"]
    assert hidden == ["Sleep (hours)", "Steps", "Stress (0–10)", "Infection days"]


def test_the_figure_leaves_plotlys_small_legend_out(patient_client, patient, a_full_day):
    shown = figure(patient_client, patient)
    # The page's own buttons, a finger's size, switch the series instead.
    assert shown["layout"]["showlegend"] is False
    assert "legend" not in shown["layout"]
    # Without plotly's legend below it, the plot takes the height its box is given.
    assert "height" not in shown["layout"]


def test_a_day_not_recorded_is_a_gap_not_a_zero(patient_client, patient, a_full_day):
    spasms = traces(figure(patient_client, patient))["Spasms a day"]
    assert point(spasms, a_full_day - dt.timedelta(days=1)) is None


def test_the_temperature_is_in_the_patients_unit(patient_client, patient, a_full_day):
    patient.temperature_unit = patient.TemperatureUnit.FAHRENHEIT
    patient.save()
    shown = traces(figure(patient_client, patient))
    assert point(shown["Outside temperature (°F)"], a_full_day) == 83.3


def test_treatment_periods_are_shaded_as_shapes_with_their_name(
    patient_client, patient, a_full_day
):
    baclofen = medicine(patient)
    baclofen.change_dose(dose=Decimal(20), unit="mg", on=a_full_day - dt.timedelta(days=10))
    shapes = figure(patient_client, patient)["layout"]["shapes"]
    # One treatment's periods share a group, which one button switches together.
    assert [s["name"] for s in shapes] == ["Baclofen", "Baclofen"]
    assert len({s["legendgroup"] for s in shapes}) == 1
    start = (patient.today() - dt.timedelta(days=90)).isoformat()
    assert [s["x0"] for s in shapes] == [start, (a_full_day - dt.timedelta(days=10)).isoformat()]
    assert all(s["yref"] == "paper" and s["layer"] == "below" for s in shapes)


def test_a_year_is_a_point_a_day(patient_client, patient, a_full_day):
    year = a_full_day - dt.timedelta(days=364)
    shown = figure(patient_client, patient, start=year, end=a_full_day)
    assert len(traces(shown)["Spasms a day"]["x"]) == 365
    page = patient_client.get(jurl(patient, "explore"), {"start": year, "end": a_full_day})
    assert "Each point is" not in page.content.decode()


def test_the_whole_of_a_long_journal_is_sent_as_weeks_and_says_so(patient_client, patient):
    today = patient.today()
    days = [today - dt.timedelta(days=n) for n in range(1, 6 * 365)]
    # Stress 8 on Mondays and Tuesdays, 1 on the other days: a week's mean is 3.
    CheckIn.objects.bulk_create(
        CheckIn(patient=patient, date=day, stress=8 if day.weekday() < 2 else 1) for day in days
    )
    shown = figure(patient_client, patient, start="", end=today)
    lengths = {name: len(trace["y"]) for name, trace in traces(shown).items()}
    assert max(lengths.values()) <= MAX_POINTS
    assert min(lengths.values()) > 6 * 52  # every week of six years is there
    stress = traces(shown)["Stress (0–10)"]
    assert stress["y"][10] == 3.0
    assert dt.date.fromisoformat(stress["x"][10]).weekday() == 0  # each point is a week from Monday
    html = patient_client.get(jurl(patient, "explore"), {"start": "", "end": today}).content
    assert "Each point is a week" in html.decode()


def test_a_caregiver_who_can_view_sees_it(client, viewer, patient, a_full_day):
    client.force_login(viewer)
    assert client.get(jurl(patient, "explore")).status_code == 200
    assert list(traces(figure(client, patient))) == SERIES


def test_someone_elses_explore_is_not_found(stranger_client, patient, a_full_day):
    assert stranger_client.get(jurl(patient, "explore")).status_code == 404
    assert stranger_client.get(jurl(patient, "explore"), {"as": "figure"}).status_code == 404


def test_it_only_reads(patient_client, patient):
    assert patient_client.post(jurl(patient, "explore")).status_code == 405


def test_logged_out_it_asks_to_log_in(patient):
    response = Client().get(jurl(patient, "explore"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"start": "last spring"}, "start", "Enter a date like 2026-03-14."),
        ({"start": "2026-03-14", "end": "2026-03-01"}, "end", "The end date is before the start"),
        ({"start": "2026-03-10", "end": "2026-03-14"}, "start", "Choose at least a week"),
        ({"end": "2999-01-01"}, "end", "That day has not happened yet."),
    ],
)
def test_a_bad_range_comes_back_with_its_problem_by_the_field(
    patient_client, patient, query, field, message
):
    response = patient_client.get(jurl(patient, "explore"), query)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert f'value="{query[field]}"' in html  # what was typed stays
    # Meanwhile the page shows the last three months.
    points = response.context["points"]
    assert (points.first, points.last) == (
        patient.today() - dt.timedelta(days=90),
        patient.today(),
    )
