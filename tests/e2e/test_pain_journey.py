import re

import pytest
from playwright.sync_api import expect

from symptoms.models import Entry
from tests.e2e.conftest import assert_accessible, small_targets
from tests.support.makers import jurl, make_entry

pytestmark = pytest.mark.e2e


def test_pain_in_four_taps_at_phone_size_then_every_optional_step(phone_page, url, patient):
    from tests.e2e.conftest import log_in

    page = phone_page
    log_in(page, url, patient.email)

    page.get_by_role("link", name="Pain", exact=True).tap()
    expect(page.get_by_role("heading", name="Pain: what kind?")).to_be_visible()
    assert_accessible(page)
    assert not small_targets(page, "#quick-log a, #quick-log button")
    page.get_by_role("link", name=re.compile("^Nerve pain")).tap()
    expect(page.get_by_role("heading", name="Nerve pain: where?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Chest band").tap()
    expect(page.get_by_role("heading", name="Nerve pain in chest band: how bad?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Severity 7 of 10").tap()
    expect(page.get_by_role("heading", name="Saved: pain 7/10")).to_be_visible()
    assert_accessible(page)
    assert not small_targets(page, "#quick-log a, #quick-log button")
    expect(page.locator("#today")).to_contain_text("Chest or belly")
    entry = Entry.objects.get()
    assert (entry.kind, entry.pain_type, entry.regions, entry.severity) == (
        "pain",
        "nerve",
        ["chest_band"],
        7,
    )

    page.get_by_role("link", name="What it feels like").tap()
    expect(page.get_by_text("Step 1 of 8, optional")).to_be_visible()
    expect(page.get_by_label("Cramp")).to_have_count(0)
    assert_accessible(page)
    page.get_by_text("Squeezing band round the chest (MS hug)").tap()
    save_and_go_on(page, "How does it come?")
    page.get_by_text("There all the time", exact=True).tap()
    page.get_by_text("Bit by bit", exact=True).tap()
    save_and_go_on(page, "New or returning symptoms?")
    page.get_by_role("group", name=re.compile("Did other new symptoms")).get_by_text(
        "Yes", exact=True
    ).tap()
    save_and_go_on(page, "What eases it?")
    assert not small_targets(page, "main label:has(input[type=checkbox])")
    page.get_by_text("Painkillers", exact=True).tap()
    page.get_by_text("Sitting upright", exact=True).tap()
    save_and_go_on(page, "What makes it worse?")
    page.get_by_text("Lying down", exact=True).tap()
    page.get_by_text("Being tired", exact=True).tap()
    save_and_go_on(page, "Has it happened before?")
    page.get_by_text("Yes, but it felt different", exact=True).tap()
    page.get_by_label("If so, when?").fill("Two years ago, in the summer")
    save_and_go_on(page, "What does it stop you doing?")
    assert not small_targets(page, "main label:has(input[type=radio])")
    page.get_by_role("group", name="Sleep").get_by_text("8", exact=True).tap()
    page.get_by_role("group", name="Walking").get_by_text("3", exact=True).tap()
    save_and_go_on(page, "Can you give an example?")
    expect(page.get_by_text("Step 8 of 8, optional")).to_be_visible()
    page.get_by_label("A concrete example").fill("Two hours to fall asleep.")
    page.get_by_role("button", name="Save and go on").tap()

    expect(page.get_by_role("heading", name="Pain, 7/10")).to_be_visible()
    expect(page.get_by_text("This could be a relapse: tell your neurologist")).to_be_visible()
    assert_accessible(page)
    facts = page.locator("dl.facts")
    for term, answer in [
        ("Feels like", "Squeezing band round the chest (MS hug)"),
        ("Comes", "There all the time"),
        ("Started", "Bit by bit"),
        ("With new symptoms", "Yes"),
        ("Eased by", "Painkillers, Sitting upright"),
        ("Worse with", "Lying down, Being tired"),
        ("Happened before", "Yes, but it felt different (Two years ago, in the summer)"),
        ("Stops sleep", "8 of 10"),
        ("Stops walking", "3 of 10"),
        ("For example", "Two hours to fall asleep."),
    ]:
        expect(facts.locator(f"dt:text-is('{term}') + dd")).to_have_text(answer)
    entry.refresh_from_db()
    assert entry.sensations == ["ms_hug"]
    assert (entry.pattern, entry.onset, entry.happened_before) == (
        "constant",
        "gradual",
        "different",
    )
    assert entry.relieved_by == ["painkillers", "sitting_upright"]
    assert entry.worsened_by == ["lying_down", "tiredness"]
    assert entry.interference == [("sleep", 8), ("walking", 3)]


def test_a_pain_step_steps_back_and_skips_on(phone_page, url, patient):
    from tests.e2e.conftest import log_in

    entry = make_entry(patient, kind="pain", pain_type="nerve", regions=["neck"], severity=5)
    page = phone_page
    log_in(page, url, patient.email)
    page.goto(url(jurl(patient, "pain_more", entry.pk, query="step=eases")))
    page.get_by_text("Massage", exact=True).tap()
    save_and_go_on(page, "What makes it worse?")
    page.get_by_role("link", name="Back", exact=True).tap()
    expect(page.get_by_role("heading", name="What eases it?")).to_be_visible()
    expect(page.get_by_label("Massage")).to_be_checked()
    page.get_by_role("link", name="Skip this step").tap()
    expect(page.get_by_role("heading", name="What makes it worse?")).to_be_visible()
    entry.refresh_from_db()
    assert entry.relieved_by == ["massage"]


def save_and_go_on(page, heading: str) -> None:
    """Save a step, land on the next one (named by its heading), and check it with axe."""
    page.get_by_role("button", name="Save and go on").tap()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    assert_accessible(page)


def test_the_browsers_back_steps_back_within_the_quick_logs(phone_page, url, patient):
    from tests.e2e.conftest import log_in

    page = phone_page
    log_in(page, url, patient.email)
    page.get_by_role("link", name="Pain", exact=True).tap()
    page.get_by_role("link", name=re.compile("^Back, hip or joint ache")).tap()
    page.get_by_role("link", name="Hips", exact=True).tap()
    expect(page.get_by_role("heading", name=re.compile("in hips: how bad"))).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Back, hip or joint ache: where?")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Pain: what kind?")).to_be_visible()
    page.get_by_role("link", name="Back", exact=True).tap()
    expect(page.get_by_role("heading", name="What is happening?")).to_be_visible()

    page.get_by_role("link", name="Spasm", exact=True).tap()
    page.locator(".tap-grid").get_by_role("link", name="Neck").tap()
    expect(page.get_by_role("heading", name="Spasm in neck: how bad?")).to_be_visible()
    page.get_by_role("link", name="Back", exact=True).tap()
    expect(page.get_by_role("heading", name="Spasm: where?")).to_be_visible()
    page.locator(".tap-grid").get_by_role("link", name="Neck").tap()
    expect(page.get_by_role("heading", name="Spasm in neck: how bad?")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Spasm: where?")).to_be_visible()
    page.locator(".tap-grid").get_by_role("link", name="Left arm").tap()
    page.get_by_role("button", name="Severity 2 of 10").tap()
    expect(page.get_by_role("heading", name="Saved: spasm 2/10")).to_be_visible()
    assert re.search(r"/j/[\w-]+/$", page.url)
    assert Entry.objects.get().regions == ["left_arm"]
