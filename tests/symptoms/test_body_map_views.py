"""The body map on the pages: choosing places with it, filtering by place, shading."""

import datetime as dt
import re

import pytest

from symptoms.body_map import SPOTS
from symptoms.models import Entry
from tests.support.makers import jurl, local, make_entry, pain_data, spasm_data

pytestmark = pytest.mark.django_db


def checkbox_names(html: str) -> dict[str, str]:
    """Each region checkbox of the map and the words of its label."""
    found = re.findall(
        r'<label class="spot[^"]*"><input type="checkbox" name="regions" value="(\w+)"[^>]*>'
        r'.*?<span class="spot-name">([^<]+)</span></label>',
        html,
    )
    return dict(found)


def test_the_full_forms_show_a_named_checkbox_for_every_place_on_the_map(patient_client, patient):
    for name in ("spasm_create", "pain_create"):
        html = patient_client.get(jurl(patient, name)).content.decode()
        names = checkbox_names(html)
        assert names == {spot.region: spot.label for spot in SPOTS}
        assert names["left_face"] == "Left side of face"
        assert "Choose from a list" in html
        assert "Front: your left is on the right." in html
        assert 'value="other"' in html  # "Somewhere else" stays a word


def test_the_pain_form_keeps_several_places_chosen_on_the_map(patient_client, patient):
    data = pain_data(regions=["left_face", "neck", "upper_back", "other"])
    patient_client.post(jurl(patient, "pain_create"), data)
    assert Entry.objects.get().regions == ["left_face", "neck", "upper_back", "other"]


def test_a_spasm_form_sent_back_with_an_error_keeps_the_places_ticked(patient_client, patient):
    data = spasm_data(regions=["right_hip", "right_foot"], severity="")
    html = patient_client.post(jurl(patient, "spasm_create"), data).content.decode()
    assert not Entry.objects.exists()
    assert '<div class="region-picker" id="id_regions">' in html  # where "Where" links to
    assert re.search(r'value="right_hip" id="[^"]+" checked', html)
    assert re.search(r'value="right_foot" id="[^"]+" checked', html)
    assert not re.search(r'value="left_leg" id="[^"]+" checked', html)


def test_editing_shows_the_saved_places_ticked(patient_client, patient):
    entry = make_entry(patient, regions=["lower_back", "left_hand"])
    html = patient_client.get(jurl(patient, "entry_edit", entry.pk)).content.decode()
    assert re.search(r'value="lower_back" id="[^"]+" checked', html)
    assert re.search(r'value="left_hand" id="[^"]+" checked', html)


def test_history_shows_only_entries_naming_any_place_chosen(patient_client, patient):
    make_entry(patient, regions=["left_leg", "right_leg"], notes="legs")
    make_entry(patient, regions=["neck"], notes="neck")
    make_entry(patient, regions=["left_hand"], notes="hand")
    make_entry(patient, kind="pain", regions=["left_leg"], notes="leg pain")
    response = patient_client.get(jurl(patient, "history"), {"regions": ["left_leg", "neck"]})
    notes = {e.notes for _, entries in response.context["days"] for e in entries}
    assert notes == {"legs", "neck", "leg pain"}
    assert re.search(r'value="neck" id="[^"]+" checked', response.content.decode())
    response = patient_client.get(
        jurl(patient, "history"), {"regions": ["left_leg"], "kind": "spasm"}
    )
    assert [e.notes for _, entries in response.context["days"] for e in entries] == ["legs"]


def test_history_explains_a_place_it_does_not_know(patient_client, patient):
    make_entry(patient)
    response = patient_client.get(jurl(patient, "history"), {"regions": ["tail"]})
    assert response.status_code == 200
    assert "tail is not one of the choices on the list." in response.content.decode()


def test_the_quick_logs_map_links_each_place_to_the_next_step(patient_client, patient):
    html = patient_client.get(jurl(patient, "quick_spasm")).content.decode()
    for spot in SPOTS:
        assert f'href="{jurl(patient, "quick_spasm")}?region={spot.region}"' in html
    assert "?region=both_legs" in html  # the grid is still there
    html = patient_client.get(jurl(patient, "quick_spasm"), {"region": "upper_back"})
    assert "Spasm in upper back: how bad?" in html.content.decode()


def test_a_tap_on_the_map_saves_a_quick_pain_in_that_place(patient_client, patient):
    url = jurl(patient, "quick_pain")
    html = patient_client.get(url, {"pain_type": "nerve"}).content.decode()
    assert "?pain_type=nerve&amp;region=right_face" in html
    data = {"pain_type": "nerve", "region": "right_face", "severity": "6"}
    patient_client.post(url, data | {"client_token": str(Entry.new_token())})
    assert Entry.objects.get().regions == ["right_face"]


MONDAY = dt.date(2026, 11, 9)


def counts_table(html: str) -> list[tuple[str, str]]:
    table = html.split('<table class="body-counts">')[1].split("</table>")[0]
    return re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table)


def test_the_week_shades_the_body_and_counts_each_place(patient_client, patient):
    for day, regions in ((0, ["left_leg", "right_leg"]), (2, ["left_leg"]), (6, ["neck"])):
        make_entry(patient, occurred_at=local(2026, 11, 9 + day, 10, 0), regions=regions)
    make_entry(patient, occurred_at=local(2026, 11, 16, 10, 0), regions=["neck"])  # next week
    html = patient_client.get(jurl(patient, "week_of", MONDAY)).content.decode()
    assert counts_table(html) == [("Left leg", "2"), ("Neck", "1"), ("Right leg", "1")]
    assert "Front: your left is on the right." in html


def test_a_week_with_nothing_logged_says_no_place_was_named(patient_client, patient):
    html = patient_client.get(jurl(patient, "week_of", MONDAY)).content.decode()
    assert "No places named in this period." in html
