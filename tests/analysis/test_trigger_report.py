import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from analysis.days import journal_days
from demo.management.commands.seed_demo import DEMO_EMAIL
from tests.support.makers import jurl, local, make_entry
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db


def test_recorded_days_are_days_with_a_check_in_or_an_entry(patient):
    make_entry(patient, occurred_at=local(2026, 7, 1, 23, 30), severity=4)
    make_entry(patient, occurred_at=local(2026, 7, 1, 8, 0), severity=6)
    make_entry(patient, kind="pain", occurred_at=local(2026, 7, 3, 12, 0), severity=5)
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 4), overheated=True)
    days = journal_days(patient, dt.date(2026, 7, 1), dt.date(2026, 7, 5)).days
    assert [d.date.day for d in days] == [1, 3, 4]  # the 2nd and 5th are missing, not zero
    first, third, fourth = days
    assert first.outcomes == {"spasm_count": 2, "spasm_severity_max": 6, "pain_max": 0}
    assert third.outcomes == {"spasm_count": 0, "spasm_severity_max": 0, "pain_max": 5}
    assert fourth.outcomes["spasm_count"] == 0 and fourth.binary["heat"] is True
    assert first.binary["heat"] is None


def test_the_heat_threshold_comes_from_the_profile(patient):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 4), max_temp_c=23)
    patient.heat_threshold_c = 22
    assert journal_days(patient).days[0].binary["heat"] is True
    patient.heat_threshold_c = 25
    assert journal_days(patient).days[0].binary["heat"] is False


def test_own_trigger_answers_reach_the_analysis(patient):
    check_in = CheckIn.objects.create(patient=patient, date=dt.date(2026, 7, 4))
    coffee = OwnTrigger.objects.create(patient=patient, name="Coffee")
    TagAnswer.objects.create(check_in=check_in, trigger=coffee, present=True)
    assert journal_days(patient).days[0].binary["tag:Coffee"] is True


def run_report(*args) -> dict:

    out = StringIO()
    call_command("trigger_report", *args, stdout=out)
    return json.loads(out.getvalue())


def test_report_json_has_the_documented_shape(patient):
    make_entry(patient, occurred_at=local(2026, 7, 1, 9, 0))
    report = run_report(
        "--user", patient.email, "--from", "2026-07-01", "--to", "2026-07-31", "--json"
    )
    assert (report["from"], report["to"], report["days_recorded"]) == (
        "2026-07-01",
        "2026-07-31",
        1,
    )
    heat = next(
        r
        for r in report["results"]
        if (r["trigger"], r["outcome"], r["lag_days"]) == ("heat", "spasm_count", 0)
    )
    assert set(heat) == {
        "trigger",
        "outcome",
        "lag_days",
        "kind",
        "n_with",
        "n_without",
        "effect",
        "ci_low",
        "ci_high",
        "p_value",
        "q_value",
        "enough_data",
        "stands_out",
        "model",
        "step",
        "rate_ratio",
        "rate_ratio_ci_low",
        "rate_ratio_ci_high",
        "unadjusted_effect",
        "unadjusted_ci_low",
        "unadjusted_ci_high",
        "mean_with",
        "mean_without",
        "cannot_separate_from",
        "reason",
        "more_days_needed",
    }
    assert heat["enough_data"] is False and heat["stands_out"] is False
    assert heat["cannot_separate_from"] == [] and heat["effect"] is None


def test_report_refuses_unknown_users_and_bad_dates(patient):
    with pytest.raises(CommandError, match="No account"):
        run_report("--user", "nobody@example.com", "--json")
    with pytest.raises(CommandError, match="not a date"):
        run_report("--user", patient.email, "--from", "yesterday")
    with pytest.raises(CommandError, match="before"):
        run_report("--user", patient.email, "--from", "2026-07-02", "--to", "2026-07-01")


def test_the_demo_journal_has_a_trigger_that_stands_out():
    call_command("seed_demo", stdout=StringIO())
    report = run_report("--user", DEMO_EMAIL, "--json")
    standing = [r for r in report["results"] if r["stands_out"]]
    assert standing and standing[0]["trigger"] == "heat" and standing[0]["effect"] > 0
    assert report["days_recorded"] > 90


@pytest.fixture
def thirty_days_every_third_hot(patient):
    """Thirty recorded days; every third one hot, with two more spasms on average."""
    today = patient.today()
    for days_ago in range(1, 31):
        day = today - dt.timedelta(days=days_ago)
        hot = days_ago % 3 == 0
        CheckIn.objects.create(patient=patient, date=day, overheated=hot)
        for hour in range(2 * hot + days_ago % 2):
            make_entry(
                patient,
                occurred_at=dt.datetime.combine(day, dt.time(9 + hour), tzinfo=patient.zone),
            )


def test_trigger_view_leads_with_a_plain_finding_drawn_on_the_server(
    patient_client, thirty_days_every_third_hot, patient
):
    html = patient_client.get(jurl(patient, "insights"), {"days": "90"}).content.decode()
    assert "plotly" not in html  # the charts are SVG drawn here: no chart library to load
    assert '<svg class="svg-chart"' in html
    assert "associations, not causes" in html
    findings = html.split('id="findings-title"')[1].split("</section>")[0]
    assert "On hot days you had about 2 more spasms, likely between" in findings
    assert "based on 10 hot days." in findings
    assert "<circle" in findings  # the finding's dot on its interval
    # The statistics stay one tap away, with the adjusted sentence and its 95% range.
    statistics = html.split("The statistics behind this")[1]
    assert "On hot days you logged 2.0 more spasms" in statistics
    assert "95% range" in statistics
    assert "<script>" not in html  # nothing inline: the strict CSP allows none


@pytest.fixture
def eight_weeks_of_hot_and_cool_spells(patient):
    """Eight weeks whose maximum temperature (recorded every day) runs in week-long hot
    and cool spells; three spasms on a hot day or the day after, one or two otherwise."""
    today = patient.today()
    for days_ago in range(56, 0, -1):
        day = today - dt.timedelta(days=days_ago)
        hot, hot_before = ((days_ago - d) // 7 % 2 == 0 for d in (0, 1))
        CheckIn.objects.create(patient=patient, date=day, max_temp_c=28 if hot else 18)
        for hour in range(3 if hot or hot_before else 1 + days_ago % 2):
            make_entry(
                patient,
                occurred_at=dt.datetime.combine(day, dt.time(9 + hour), tzinfo=patient.zone),
            )


def test_report_json_gives_a_trigger_in_spells_one_row_over_both_days(
    patient, eight_weeks_of_hot_and_cool_spells
):
    report = run_report("--user", patient.email, "--json")
    heat = [r for r in report["results"] if r["trigger"] == "heat"]
    assert [r["lag_days"] for r in heat] == ["0-1", "0-1", "0-1"]
    spasms = next(r for r in heat if r["outcome"] == "spasm_count")
    assert spasms["stands_out"] and spasms["effect"] > 0 and spasms["reason"] is None
    # A trigger not in spells keeps a row for the same day and one for the next.
    assert sorted(r["lag_days"] for r in report["results"] if r["trigger"] == "poor_sleep") == [
        0,
        0,
        0,
        1,
        1,
        1,
    ]


def test_trigger_view_words_a_spell_as_the_day_itself_or_the_day_after(
    patient_client, patient, eight_weeks_of_hot_and_cool_spells
):
    html = patient_client.get(jurl(patient, "insights"), {"days": "90"}).content.decode()
    findings = html.split('id="findings-title"')[1].split("</section>")[0]
    assert "In hot spells (the day itself or the day after) you had about" in findings
    statistics = html.split("The statistics behind this")[1]
    assert "Hot days come in runs, so the day itself and the day after are judged" in statistics
    assert "Heat: spasms a day, the day itself or the day after, not adjusted" in statistics
    assert "Days in or after hot spells" in statistics


def test_what_does_not_stand_out_says_how_many_more_days_would_help(patient_client, patient):
    today = patient.today()
    for days_ago in range(1, 9):
        CheckIn.objects.create(
            patient=patient, date=today - dt.timedelta(days=days_ago), overheated=days_ago < 3
        )
    html = patient_client.get(jurl(patient, "insights")).content.decode()
    unclear = html.split('id="no-pattern-title"')[1].split("</section>")[0]
    assert "<strong>Heat:</strong> Not enough data yet: about" in unclear
    assert "more recorded days would help." in unclear
    assert "Nothing stands out yet." in html


def test_the_day_by_day_chart_shows_eight_weeks_unless_asked_for_all(
    patient_client, thirty_days_every_third_hot, patient
):
    url = jurl(patient, "insights")
    today = patient.today()
    default = patient_client.get(url, {"days": "90"}).context
    assert default["chart_first"] == today - dt.timedelta(days=55)
    assert patient_client.get(url, {"days": "90", "chart": "all"}).context["whole_range"]
    assert patient_client.get(url, {"days": "30"}).context["chart_first"] == today - dt.timedelta(
        days=29
    )


def test_logging_screens_do_not_load_plotly(patient_client, patient):
    for name in ("home", "history", "quick_spasm", "pain_create", "check_in"):
        assert "plotly" not in patient_client.get(jurl(patient, name)).content.decode()


def test_a_bad_range_falls_back_to_ninety_days_and_says_so(patient_client, patient):
    response = patient_client.get(jurl(patient, "insights"), {"days": "7000"})
    assert response.status_code == 200
    assert "Choose 30 days, 90 days or a year." in response.content.decode()
    assert response.context["span"] == 90


def test_the_trigger_view_of_someone_else_is_not_found(stranger_client, stranger, patient):
    CheckIn.objects.create(patient=patient, date=timezone.localdate(), stress=9)
    assert stranger_client.get(jurl(patient, "insights")).status_code == 404
    assert stranger_client.get(jurl(stranger, "insights")).context["report"].days_recorded == 0


def test_with_little_data_the_view_says_not_enough_data_yet(patient_client, patient):
    CheckIn.objects.create(patient=patient, date=timezone.localdate(), overheated=True)
    html = patient_client.get(jurl(patient, "insights")).content.decode()
    assert "Not enough data yet" in html
    assert "Stands out" not in html


def test_demo_user_exists_only_once():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
