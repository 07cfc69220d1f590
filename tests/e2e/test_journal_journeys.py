import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from symptoms.models import Entry
from tests.e2e.conftest import (
    assert_accessible,
    confirm_address_from_mail,
    jpath,
    log_in,
    press,
)
from tests.support.makers import PASSWORD

pytestmark = pytest.mark.e2e


def test_new_patient_signs_up_logs_a_spasm_in_three_taps_and_manages_it(page, url, device):
    page.goto(url("/accounts/signup/"))
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("sam@example.com")
    page.get_by_label("Your time zone").select_option("Europe/Berlin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my journal").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert_accessible(page)
    confirm_address_from_mail(page, url)
    expect(page.get_by_text("Your journal is ready")).to_be_visible()
    assert User.objects.get(email="sam@example.com").time_zone == "Europe/Berlin"
    assert_accessible(page)

    # Three taps: Spasm, the place, the severity.
    press(page.get_by_role("link", name="Spasm", exact=True), device)
    press(page.locator(".tap-grid").get_by_role("link", name="Left leg"), device)
    expect(page.get_by_role("heading", name="Spasm in left leg: how bad?")).to_be_visible()
    assert_accessible(page)
    press(page.get_by_role("button", name="Severity 6 of 10"), device)
    expect(page.get_by_role("heading", name="Saved: spasm 6/10")).to_be_visible()
    assert re.search(r"/j/[\w-]+/$", page.url), "the quick log swaps in place, on the home screen"
    expect(page.locator("#today")).to_contain_text("Left leg")
    entry = Entry.objects.get()
    assert (entry.regions, entry.severity) == (["left_leg"], 6)

    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("link", name=re.compile(r"^Spasm"))).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Spasm")).click()
    page.get_by_role("link", name="Edit").click()
    assert_accessible(page)
    page.locator("label[for=id_severity_4]").click()
    page.get_by_label("How long did it last (minutes)?").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Spasm, 4/10")).to_be_visible()
    assert_accessible(page)
    entry.refresh_from_db()
    assert (entry.severity, entry.duration_minutes) == (4, 3)

    page.get_by_role("link", name="Delete").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("Spasm deleted.")).to_be_visible()
    assert not Entry.objects.exists()


def test_a_quick_log_undone_from_its_saved_card_leaves_nothing(logged_in, device):
    page = logged_in
    press(page.get_by_role("link", name="Spasm", exact=True), device)
    press(page.locator(".tap-grid").get_by_role("link", name="Neck"), device)
    press(page.get_by_role("button", name="Severity 2 of 10"), device)
    expect(page.get_by_role("heading", name="Saved: spasm 2/10")).to_be_visible()
    expect(page.locator("#today")).to_contain_text("Neck")
    press(page.get_by_role("button", name="Undo"), device)
    expect(page.get_by_role("heading", name="Removed. Nothing was kept.")).to_be_visible()
    expect(page.locator("#today")).not_to_contain_text("Neck")
    assert not Entry.objects.exists()


def test_pain_entry_with_the_full_checklist_shows_relapse_advice(logged_in, url, patient):
    page = logged_in
    page.get_by_role("link", name="Log pain with all the details").click()
    assert_accessible(page)
    page.get_by_label("Chest or belly (band)").check()
    page.locator("label[for=id_severity_7]").click()
    page.get_by_label("Nerve pain").check()
    page.get_by_label("Squeezing band round the chest (MS hug)").check()
    page.get_by_label("There all the time").check()
    page.get_by_label("Bit by bit").check()
    page.get_by_label(re.compile("It started together with other new symptoms")).check()
    page.get_by_label("Painkillers").check()
    page.get_by_label("Lying down").check()
    page.get_by_label("Yes, but it felt different").check()
    page.get_by_label("If so, when?").fill("Two years ago")
    page.get_by_role("combobox", name="Sleep").select_option("8")
    page.get_by_role("combobox", name="Walking").select_option("3")
    page.get_by_label("A concrete example").fill("Two hours to fall asleep.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("This could be a relapse: tell your neurologist")).to_be_visible()
    assert_accessible(page)
    entry = Entry.objects.get(patient=patient)
    assert entry.is_possible_relapse
    assert (entry.severity, entry.pain_type, entry.sensations) == (7, "nerve", ["ms_hug"])
    assert entry.interference == [("sleep", 8), ("walking", 3)]
    page.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_text("Possible relapse")).to_be_visible()


def test_bad_input_shows_the_message_by_the_field_and_keeps_what_was_typed(logged_in, url, patient):
    page = logged_in
    page.goto(url(jpath(patient, "/log/spasm/details/")))
    page.get_by_label("How long did it last (minutes)?").fill("-3")
    page.get_by_label("Notes").fill("Woke me at dawn")
    page.get_by_label("Stretching").check()
    page.get_by_role("button", name="Save").click()

    regions_error = page.locator("#id_regions_error")
    expect(regions_error).to_contain_text("Choose at least one place")
    minutes = page.get_by_label("How long did it last (minutes)?")
    expect(minutes).to_have_value("-3")
    expect(minutes).to_have_attribute("aria-invalid", "true")
    assert "id_duration_minutes_error" in minutes.get_attribute("aria-describedby")
    expect(page.locator("#id_duration_minutes_error")).to_contain_text("cannot be negative")
    expect(page.get_by_label("Notes")).to_have_value("Woke me at dawn")
    expect(page.get_by_label("Stretching")).to_be_checked()
    expect(page.get_by_role("alert")).to_contain_text("Everything you typed is still here")
    assert_accessible(page)
    assert not Entry.objects.exists()


def test_without_javascript_logging_and_history_still_work(page_without_js, url, patient):
    page = page_without_js
    log_in(page, url, patient.email)
    page.get_by_role("link", name="Spasm", exact=True).click()
    assert page.url.endswith(jpath(patient, "/log/spasm/"))
    page.get_by_role("link", name="Both legs").click()
    page.get_by_role("button", name="Severity 3 of 10").click()
    expect(page.get_by_role("heading", name="Saved: spasm 3/10")).to_be_visible()
    assert Entry.objects.get().regions == ["left_leg", "right_leg"]

    page.get_by_role("link", name="History", exact=True).click()
    page.get_by_label("Show").select_option("pain")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("No entries match these filters")).to_be_visible()
    page.get_by_label("Show").select_option("spasm")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name=re.compile(r"^Spasm"))).to_have_count(1)


def test_double_tap_on_save_makes_one_entry(logged_in, url, device, patient):
    page = logged_in
    page.get_by_role("link", name="Spasm", exact=True).click()
    page.locator(".tap-grid").get_by_role("link", name="Neck").click()
    page.get_by_role("button", name="Severity 5 of 10").dblclick()
    expect(page.get_by_role("heading", name="Saved: spasm 5/10")).to_be_visible()

    page.goto(url(jpath(patient, "/log/spasm/details/")))
    page.get_by_label("Left arm").check()
    page.locator("label[for=id_severity_2]").click()
    page.get_by_role("button", name="Save").dblclick()
    expect(page.get_by_role("heading", name="Spasm, 2/10")).to_be_visible()
    assert sorted(Entry.objects.values_list("severity", flat=True)) == [2, 5]
