import re

import pytest
from playwright.sync_api import expect

from symptoms.models import Entry
from tests.e2e.conftest import assert_accessible, small_targets

pytestmark = pytest.mark.e2e


def test_pain_in_four_taps_at_phone_size_then_the_optional_steps(phone_page, url, patient):
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
    expect(page.locator("#today")).to_contain_text("Chest or belly")
    entry = Entry.objects.get()
    assert (entry.kind, entry.pain_type, entry.regions, entry.severity) == (
        "pain",
        "nerve",
        ["chest_band"],
        7,
    )

    page.get_by_role("link", name="What it feels like").tap()
    expect(page.get_by_text("Step 1 of 4, optional")).to_be_visible()
    expect(page.get_by_label("Cramp")).to_have_count(0)
    assert_accessible(page)
    page.get_by_text("Squeezing band round the chest (MS hug)").tap()
    page.get_by_role("button", name="Save and go on").tap()
    expect(page.get_by_role("heading", name="How does it come?", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Skip this step").tap()
    expect(page.get_by_role("heading", name="New or returning symptoms?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("Did other new symptoms")).get_by_text(
        "Yes", exact=True
    ).tap()
    page.get_by_role("button", name="Save and go on").tap()
    expect(page.get_by_role("heading", name="What does it stop you doing?")).to_be_visible()
    assert_accessible(page)
    assert not small_targets(page, "main label:has(input[type=radio])")
    page.get_by_role("group", name="Sleep").get_by_text("8", exact=True).tap()
    page.get_by_role("button", name="Save and go on").tap()
    expect(page.get_by_text("This could be a relapse: tell your neurologist")).to_be_visible()
    entry.refresh_from_db()
    assert entry.sensations == ["ms_hug"]
    assert entry.is_possible_relapse
    assert entry.interference == [("sleep", 8)]


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
