"""A treatment from start to stop, on a phone: add it, take a dose in two taps from the
home screen, note a side effect, change the dose, see before and after, stop it."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, jpath, press
from treatments.models import DoseLog, SideEffect, Treatment

pytestmark = pytest.mark.e2e


def test_a_patient_adds_tizanidine_takes_a_dose_in_two_taps_and_stops_it(
    logged_in, url, patient, device
):
    page = logged_in
    started = patient.today() - dt.timedelta(days=40)
    page.goto(url(jpath(patient, "/treatments/")))
    assert_accessible(page)
    page.get_by_role("link", name="Add a treatment").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Tizanidine")
    page.get_by_label("Dose", exact=True).fill("2")
    page.get_by_label("Unit").fill("mg")
    page.get_by_label("When needed").check()
    page.get_by_label("Started on").fill(started.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("^Tizanidine"))).to_be_visible()
    assert_accessible(page)

    # Two taps from home: the treatment, then what it was for.
    page.goto(url(jpath(patient)))
    press(page.get_by_role("link", name="Tizanidine"), device)
    expect(page.get_by_role("heading", name="Tizanidine: what was it for?")).to_be_visible()
    assert_accessible(page)
    press(page.get_by_role("button", name="For a spasm"), device)
    expect(page.get_by_role("heading", name="Saved: Tizanidine")).to_be_visible()
    dose = DoseLog.objects.get()
    assert (dose.treatment.name, dose.reason) == ("Tizanidine", "spasm")

    page.goto(url(jpath(patient, "/treatments/")))
    page.get_by_role("link", name="Side effect of Tizanidine").click()
    page.get_by_label("What did you notice?").fill("dizziness")
    page.get_by_label("Mild").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile(r"Side effects: dizziness \(mild"))).to_be_visible()
    assert SideEffect.objects.get().what == "dizziness"

    page.get_by_role("link", name="Change dose of Tizanidine").click()
    page.get_by_label("Dose", exact=True).fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(re.compile(r"^4 mg"))).to_be_visible()

    page.get_by_role("link", name="Did it help? Before and after Tizanidine").click()
    expect(page.get_by_role("heading", name="Did Tizanidine help?")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Started on"))).to_be_visible()
    assert_accessible(page)

    page.goto(url(jpath(patient, "/treatments/")))
    page.get_by_role("link", name="Stop Tizanidine").click()
    page.get_by_label("Side effects").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Stopped")).to_be_visible()
    assert_accessible(page)
    treatment = Treatment.objects.get()
    assert treatment.current_period is None
    assert [p.dose for p in treatment.periods.order_by("started")] == [2, 4]
