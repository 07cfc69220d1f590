"""The body map: places tapped on a phone, chosen with the keyboard, or from the list."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from symptoms.models import Entry
from tests.e2e.conftest import assert_accessible, jpath, log_in, small_targets
from tests.support.makers import make_entry

pytestmark = pytest.mark.e2e


def body_map(page: Page):
    return page.locator(".body-map")


def spot(page: Page, name: str):
    """A place on the map of a form: the whole target, as a finger finds it."""
    return page.locator(".body-map label.spot").filter(has_text=name)


def test_places_tapped_on_the_body_map_record_a_quick_spasm_and_a_pain(phone_page, url, patient):
    page = phone_page
    log_in(page, url, patient.email)
    page.get_by_role("link", name="Spasm", exact=True).tap()
    expect(page.get_by_role("heading", name="Spasm: where?")).to_be_visible()
    expect(page.get_by_text("Front: your left is on the right.")).to_be_visible()
    assert_accessible(page)
    assert small_targets(page, ".body-map .spot") == []
    body_map(page).get_by_role("link", name="Upper back").tap()
    expect(page.get_by_role("heading", name="Spasm in upper back: how bad?")).to_be_visible()
    page.get_by_role("button", name="Severity 5 of 10").tap()
    expect(page.get_by_role("heading", name="Saved: spasm 5/10")).to_be_visible()
    assert Entry.objects.get().regions == ["upper_back"]

    page.goto(url(jpath(patient, "/log/pain/")))
    assert_accessible(page)
    assert small_targets(page, ".body-map .spot") == []
    spot(page, "Left side of face").tap()
    spot(page, "Neck").tap()
    spot(page, "Right hand").tap()
    spot(page, "Right hand").tap()  # a second tap takes it back
    expect(page.get_by_label("Left side of face")).to_be_checked()
    expect(page.get_by_label("Right hand")).not_to_be_checked()
    page.locator("label[for=id_severity_6]").tap()
    page.get_by_label("Nerve pain").check()
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_text("Pain saved.")).to_be_visible()
    pain = Entry.objects.get(kind="pain")
    assert sorted(pain.regions) == ["left_face", "neck"]


def focus_by_tab(page: Page, selector: str) -> None:
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def test_places_are_chosen_with_the_keyboard_with_the_focus_shown(logged_in, url, patient):
    page = logged_in
    page.goto(url(jpath(patient, "/log/spasm/details/")))
    page.get_by_label("When").focus()
    focus_by_tab(page, "input[value=right_foot]")
    ring = page.eval_on_selector(
        "label.spot:has(input[value=right_foot])", "e => getComputedStyle(e).outlineStyle"
    )
    assert ring != "none", "the focused place on the map shows no focus ring"
    page.keyboard.press("Space")
    focus_by_tab(page, "input[value=lower_back]")
    page.keyboard.press("Space")
    expect(page.get_by_label("Right foot")).to_be_checked()
    expect(page.get_by_label("Lower back")).to_be_checked()
    assert_accessible(page)
    page.locator("label[for=id_severity_4]").click()
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Spasm saved.")).to_be_visible()
    assert sorted(Entry.objects.get().regions) == ["lower_back", "right_foot"]

    page.goto(url(jpath(patient, "/log/spasm/")))
    focus_by_tab(page, "a.spot[href$='region=neck']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Spasm in neck: how bad?")).to_be_visible()


def test_the_list_of_places_is_one_tap_away_and_works_without_javascript(
    page_without_js, url, patient
):
    page = page_without_js
    log_in(page, url, patient.email)
    page.goto(url(jpath(patient, "/log/spasm/details/")))
    expect(page.locator(".body-outline").first).to_be_visible()
    page.get_by_text("Choose from a list").click()
    expect(page.locator(".body-outline").first).to_be_hidden()
    words = page.get_by_text("Left leg", exact=True).bounding_box()
    assert words and words["width"] > 20, "the places are not written out as a list"
    assert small_targets(page, ".region-picker label") == []
    page.get_by_text("Left leg", exact=True).click()
    page.get_by_text("Somewhere else").click()
    page.locator("label[for=id_severity_3]").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Spasm saved.")).to_be_visible()
    assert Entry.objects.get().regions == ["left_leg", "other"]


def test_history_is_filtered_by_places_chosen_on_the_map(logged_in, url, patient):
    make_entry(patient, regions=["neck"])
    make_entry(patient, regions=["left_leg"], kind="pain")
    page = logged_in
    page.goto(url(jpath(patient, "/history/")))
    assert_accessible(page)
    assert small_targets(page, ".body-map .spot") == []
    spot(page, "Neck").click()
    page.get_by_role("button", name="Show").click()
    entries = page.locator("ul.entries li")
    expect(entries).to_have_count(1)
    expect(entries).to_contain_text("Neck")
    assert "regions=neck" in page.url


def test_the_week_and_the_printable_summary_shade_the_body(logged_in, url, patient):
    now = timezone.now()  # this week's, whatever the hour
    make_entry(patient, regions=["left_leg", "neck"], occurred_at=now)
    make_entry(patient, regions=["left_leg"], occurred_at=now)
    page = logged_in
    page.goto(url(jpath(patient, "/week/")))
    page.get_by_role("link", name="This week so far").click()
    for path in (None, "/summary/print/"):
        if path:
            page.goto(url(jpath(patient, path)))
        table = page.locator("table.body-counts")
        expect(table.get_by_role("row", name=re.compile("Left leg"))).to_contain_text("2")
        expect(table.get_by_role("row", name=re.compile("Neck"))).to_contain_text("1")
        expect(page.get_by_role("img", name=re.compile("shaded darker"))).to_be_visible()
        assert_accessible(page)
