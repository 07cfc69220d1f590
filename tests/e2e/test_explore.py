"""Explore in the browser: the server's charts first; "Zoom and explore" brings plotly.js,
whose chart zooms and says each day's values under the pointer, with a button under it for
each series, a finger's size, that shows or hides it."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, horizontal_overflow, jpath, log_in, press
from tests.support.makers import counted, make_entry, medicine
from triggers.models import CheckIn

pytestmark = pytest.mark.e2e

PLOT = "document.getElementById('explore-plot')"


@pytest.fixture
def two_months(patient):
    """Sixty recorded days: spasms, pain, a check-in with the temperature and stress, and
    sleep and steps from the phone; a medicine whose dose changed a month ago."""
    today = patient.today()
    for n in range(1, 61):
        day = today - dt.timedelta(days=n)
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=patient.zone)
        for _ in range(1 + n % 3):
            make_entry(patient, occurred_at=noon, severity=3 + n % 5)
        make_entry(patient, kind="pain", occurred_at=noon, severity=2 + n % 7)
        CheckIn.objects.create(
            patient=patient, date=day, max_temp_c=Decimal(15 + n % 12), stress=n % 10
        )
        counted(patient, day, sleep_hours=6 + n % 3, steps=3000 + 50 * n)
    medicine(patient).change_dose(dose=Decimal(20), unit="mg", on=today - dt.timedelta(days=30))


def open_explore(page: Page, url, patient) -> None:
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/explore/")))


def zoom_and_explore(page: Page, device: str) -> None:
    press(page.get_by_role("button", name="Zoom and explore"), device)
    expect(page.get_by_role("group", name="Show on the chart")).to_be_visible()
    expect(page.locator("#explore-drawn")).to_be_hidden()


def until(page: Page, condition: str) -> None:
    """Wait for a condition on the page. (Playwright's wait_for_function evaluates its
    text inside the page, which the app's policy forbids: no eval.)"""
    for _ in range(100):
        if page.evaluate(condition):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {condition}")


def x_range(page: Page) -> list[str]:
    return page.evaluate(f"{PLOT}._fullLayout.xaxis.range")


def visible(page: Page, name: str):
    return page.evaluate(f"{PLOT}.data.find(t => t.name === {name!r}).visible")


def switch(page: Page, name: str, device: str, key: str = "Enter"):
    """Press the button that shows or hides a series: a tap on the phone; on the desktop,
    Tab along the buttons from the first until it has the focus, then a key."""
    buttons = page.get_by_role("group", name="Show on the chart").get_by_role("button")
    button = buttons.filter(has_text=name)
    if device == "phone":
        button.tap()
        return button
    buttons.first.focus()
    for _ in range(buttons.count()):
        if button.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press(key)
    return button


def test_explore_zooms_hovers_and_switches_a_series(page: Page, url, patient, two_months, device):
    open_explore(page, url, patient)
    zoom_and_explore(page, device)
    assert_accessible(page)
    assert horizontal_overflow(page) <= 0
    before = x_range(page)

    # Zoom: drag a box across the middle of the plot on a screen with a mouse; on a phone,
    # the modebar's zoom in.
    if device == "phone":
        press(page.locator("#explore-plot .modebar-btn[data-title='Zoom in']"), device)
    else:
        page.locator("#explore-plot .nsewdrag").scroll_into_view_if_needed()
        area = page.locator("#explore-plot .nsewdrag").bounding_box()
        y = area["y"] + area["height"] / 2
        page.mouse.move(area["x"] + area["width"] * 0.3, y)
        page.mouse.down()
        page.mouse.move(area["x"] + area["width"] * 0.5, y, steps=5)
        page.mouse.move(area["x"] + area["width"] * 0.7, y, steps=5)
        page.mouse.up()
    until(page, f"{PLOT}._fullLayout.xaxis.range[0] !== {before[0]!r}")
    after = x_range(page)
    assert before[0] < after[0] < after[1] < before[1], (before, after)

    # Hover: the values of the day under the pointer, each series by name.
    area = page.locator("#explore-plot .nsewdrag").bounding_box()
    page.mouse.move(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    label = page.locator("#explore-plot .hoverlayer")
    expect(label).to_contain_text(re.compile(r"Spasms \d"))
    expect(label).to_contain_text(re.compile(r"Pain \d"))
    expect(label).to_contain_text(re.compile(r"Temp \d"))

    # Switch a series off, and one that starts off on, by its button under the plot.
    pain = page.get_by_role("button", name="Worst pain (0–10)")
    expect(pain).to_have_attribute("aria-pressed", "true")
    assert visible(page, "Worst pain (0–10)") is True
    switch(page, "Worst pain", device)
    until(page, f"{PLOT}.data[1].visible === 'legendonly'")
    expect(pain).to_have_attribute("aria-pressed", "false")
    sleep = page.get_by_role("button", name="Sleep (hours)")
    expect(sleep).to_have_attribute("aria-pressed", "false")
    assert visible(page, "Sleep (hours)") == "legendonly"
    switch(page, "Sleep", device, key=" ")
    until(page, f"{PLOT}.data[3].visible === true")
    expect(sleep).to_have_attribute("aria-pressed", "true")
    # And back on: the same button undoes it.
    switch(page, "Worst pain", device)
    until(page, f"{PLOT}.data[1].visible === true")
    expect(pain).to_have_attribute("aria-pressed", "true")

    # The treatment's periods are shaded behind the lines; one button hides them all.
    shapes = f"{PLOT}.layout.shapes"
    assert page.evaluate(f"{shapes}.map(s => s.name)") == ["Baclofen", "Baclofen"]
    baclofen = page.get_by_role("button", name="Baclofen")
    expect(baclofen).to_have_count(1)
    expect(baclofen).to_have_attribute("aria-pressed", "true")
    switch(page, "Baclofen", device)
    until(page, f"{shapes}.every(s => s.visible === 'legendonly')")
    expect(baclofen).to_have_attribute("aria-pressed", "false")
    # No plotly legend, and no button that would send the chart to plotly's cloud.
    expect(page.locator("#explore-plot .legend")).to_have_count(0)
    expect(page.locator("#explore-plot .modebar-btn[data-title='Share chart...']")).to_have_count(0)
    # Every button a finger's size, the list wrapping on a narrow phone.
    for box in [b.bounding_box() for b in page.locator(".series-switch").all()]:
        assert box["height"] >= 44, box
    assert horizontal_overflow(page) <= 0


def test_without_javascript_the_servers_charts_and_table_are_the_page(
    page_without_js: Page, url, patient, two_months
):
    page = page_without_js
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/explore/")))
    expect(page.locator("svg.svg-chart")).to_have_count(2)
    expect(page.locator("svg.svg-chart").first).to_be_visible()
    expect(page.get_by_role("button", name="Zoom and explore")).to_be_hidden()
    page.get_by_text("The same as a table").click()
    expect(page.get_by_role("table")).to_contain_text("Worst pain")


def test_a_range_too_short_comes_back_with_its_problem_by_the_field(
    page: Page, url, patient, two_months, device
):
    open_explore(page, url, patient)
    page.get_by_label("From", exact=True).fill("2026-03-10")
    page.get_by_label("To", exact=True).fill("2026-03-12")
    press(page.get_by_role("button", name="Show"), device)
    expect(page.locator(".errorlist")).to_contain_text("Choose at least a week")
    expect(page.get_by_label("From", exact=True)).to_have_value("2026-03-10")
    assert_accessible(page)


def test_a_ready_made_range_shows_the_whole_journal(page: Page, url, patient, two_months, device):
    open_explore(page, url, patient)
    press(page.get_by_role("link", name="All", exact=True), device)
    first = patient.today() - dt.timedelta(days=60)
    expect(page.get_by_role("heading", level=2).first).to_contain_text(f"{first:%-d %B %Y}")
