import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    assert_accessible,
    horizontal_overflow,
    jpath,
    log_in,
    press,
    small_targets,
)
from tests.support.makers import make_entry
from triggers.models import CheckIn, OwnTrigger

pytestmark = pytest.mark.e2e


@pytest.fixture
def month_of_days(patient):
    """Thirty recorded days; every third one hot, with two more spasms on average."""
    today = patient.today()
    for days_ago in range(1, 31):
        day = today - dt.timedelta(days=days_ago)
        hot = days_ago % 3 == 0
        CheckIn.objects.create(
            patient=patient, date=day, overheated=hot, sleep_hours=7, sleep_quality=3
        )
        for hour in range(2 * hot + days_ago % 2):
            make_entry(
                patient,
                occurred_at=dt.datetime.combine(day, dt.time(9 + hour), tzinfo=patient.zone),
            )


def test_daily_check_in_from_the_home_card_in_a_few_taps(logged_in, url, patient, device):
    page = logged_in
    OwnTrigger.objects.create(patient=patient, name="Coffee")
    page.reload()
    press(page.get_by_role("link", name="Check in for today"), device)
    expect(page.get_by_role("heading", name="Today's check-in")).to_be_visible()
    assert page.url.endswith(jpath(patient)), "the check-in opens in its card"
    assert_accessible(page)
    card = page.locator("#check-in")
    assert (
        small_targets(page, "#check-in label:has(input), #check-in select, #check-in button") == []
    )

    page.locator("#check-in fieldset", has_text="Did you get overheated?").get_by_text(
        "Yes"
    ).click()
    page.get_by_label("Hours of sleep last night").fill("6")
    page.get_by_role("button", name="Half an hour less").click()
    page.locator("label[for=id_sleep_quality_1]").click()
    page.get_by_label("Cold or flu").check()
    page.get_by_label("Hard (over-did it)").check()
    page.locator("label[for=id_stress_7]").click()
    page.locator("#check-in fieldset", has_text="Coffee").get_by_text("Yes").click()
    press(card.get_by_role("button", name="Save check-in"), device)

    expect(card.get_by_text("Done.")).to_be_visible()
    check_in = CheckIn.objects.get(patient=patient)
    assert (check_in.overheated, float(check_in.sleep_hours), check_in.sleep_quality) == (
        True,
        5.5,
        2,
    )
    assert (check_in.infection, check_in.activity, check_in.stress) == ("cold_flu", "hard", 7)
    assert check_in.tag_answers.get().present is True


def test_trigger_view_draws_its_charts_with_text_alongside(logged_in, url, month_of_days, device):
    page = logged_in
    console_errors = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.get_by_role("link", name="Triggers").click()
    expect(page.get_by_role("heading", name="What goes with worse days")).to_be_visible()
    # The server drew the findings picture and the day-by-day charts as SVG.
    findings = page.locator(".findings")
    expect(findings).to_contain_text("On hot days you had about 2 more spasms")
    expect(findings.locator("svg.svg-chart")).to_be_visible()
    expect(page.locator("#timeline-title ~ figure svg.svg-chart").first).to_be_visible()
    expect(page.get_by_text("associations, not causes")).to_be_visible()
    page.get_by_text("The statistics behind this").click()
    heat = page.locator(".trigger", has_text="Heat").first
    expect(heat).to_contain_text("On hot days you logged 2.0 more spasms")
    expect(heat.get_by_text("Stands out")).to_be_visible()
    page.get_by_text("The same as a table").click()
    expect(page.get_by_role("table", name="Recorded days, newest first")).to_be_visible()
    assert_accessible(page)
    assert horizontal_overflow(page) <= 0
    assert console_errors == [], "the strict Content-Security-Policy blocked something"


CHART_PAGES = {
    "triggers": ("/triggers/", "Recorded days, newest first"),
    "week": ("/week/", "Each day of the week"),
}


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("name", list(CHART_PAGES))
def test_chart_pages_fit_a_narrow_phone_with_legible_charts_and_their_tables(
    phone_page, url, patient, month_of_days, width, name
):
    page = phone_page
    loaded = []
    page.on("request", lambda r: loaded.append(r.url))
    log_in(page, url, patient.email)
    page.set_viewport_size({"width": width, "height": 844})
    path, table = CHART_PAGES[name]
    page.goto(url(jpath(patient, path)))
    chart = page.locator("svg.svg-chart").first
    expect(chart).to_be_visible()
    # Chart text is 15 units in a 300-unit-wide drawing: at least 12 px on screen.
    assert chart.bounding_box()["width"] / 300 * 15 >= 12
    assert horizontal_overflow(page) <= 0
    page.get_by_text("The same as a table").first.click()
    expect(page.get_by_role("table", name=table)).to_be_visible()
    assert_accessible(page)
    assert horizontal_overflow(page) <= 0
    assert not [u for u in loaded if "plotly" in u.lower()], "no chart library on chart pages"


def test_import_and_own_trigger_pages_are_usable(logged_in, url, tmp_path, patient):
    page = logged_in
    page.goto(url(jpath(patient, "/import/")))
    assert_accessible(page)
    entries = tmp_path / "entries.csv"
    entries.write_text("when,kind,severity,regions\n2026-03-14T08:30,spasm,11,left_tail\n")
    page.get_by_label("Entries file (CSV)").set_input_files(str(entries))
    page.get_by_role("button", name="Send the files").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    assert_accessible(page)

    page.goto(url(jpath(patient, "/triggers/mine/")))
    page.get_by_label("Name a trigger of your own").fill("Long drive")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("“Long drive” added")).to_be_visible()
    assert_accessible(page)
