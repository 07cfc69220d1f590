import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from symptoms.models import Entry
from tests.support.makers import jurl, make_entry

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_home_offers_spasm_as_the_first_tap(patient_client, patient):
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert f'href="{jurl(patient, "quick_spasm")}"' in html


def test_second_tap_lists_places_and_third_offers_severities(patient_client, patient):
    html = patient_client.get(jurl(patient, "quick_spasm")).content.decode()
    assert "?region=both_legs" in html
    html = patient_client.get(
        jurl(patient, "quick_spasm"), {"region": "both_legs"}
    ).content.decode()
    assert "Spasm in both legs" in html
    for n in range(11):
        assert f'name="severity" value="{n}"' in html


def test_severity_tap_saves_the_spasm_and_home_confirms_it(patient_client, patient):
    response = patient_client.post(
        jurl(patient, "quick_spasm"),
        {"region": "both_legs", "severity": "7", "client_token": str(Entry.new_token())},
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.patient, entry.kind, entry.severity) == (patient, "spasm", 7)
    assert entry.regions == ["left_leg", "right_leg"]
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert "Saved: spasm 7/10" in html
    assert jurl(patient, "entry_edit", entry.pk) in html


def test_htmx_steps_return_only_the_card(patient_client, patient):
    for params in ({}, {"region": "neck"}):
        html = patient_client.get(jurl(patient, "quick_spasm"), params, **HTMX).content.decode()
        assert html.lstrip().startswith('<section class="card" id="quick-log"')
        assert "<html" not in html


def test_htmx_save_returns_the_saved_card(patient_client, patient):
    response = patient_client.post(
        jurl(patient, "quick_spasm"),
        {"region": "neck", "severity": "3", "client_token": str(Entry.new_token())},
        **HTMX,
    )
    html = response.content.decode()
    assert "Saved: spasm 3/10" in html and "<html" not in html
    assert Entry.objects.get().regions == ["neck"]


def test_double_tap_on_a_severity_makes_one_entry(patient_client, patient):
    data = {"region": "left_leg", "severity": "5", "client_token": str(Entry.new_token())}
    patient_client.post(jurl(patient, "quick_spasm"), data)
    patient_client.post(jurl(patient, "quick_spasm"), data, **HTMX)
    assert Entry.objects.count() == 1


def test_two_separate_spasms_are_two_entries(patient_client, patient):
    for _ in range(2):
        patient_client.post(
            jurl(patient, "quick_spasm"),
            {"region": "left_leg", "severity": "5", "client_token": str(Entry.new_token())},
        )
    assert Entry.objects.count() == 2


@pytest.mark.parametrize("severity", ["11", "-1", "bad", ""])
def test_bad_severity_shows_the_scale_again_with_a_message(patient_client, severity, patient):
    response = patient_client.post(
        jurl(patient, "quick_spasm"), {"region": "neck", "severity": severity}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "number from 0" in html
    assert "Spasm in neck" in html
    assert not Entry.objects.exists()


def test_unknown_place_goes_back_to_the_places_with_a_message(patient_client, patient):
    html = patient_client.get(jurl(patient, "quick_spasm"), {"region": "tail"}).content.decode()
    assert "Choose one of the places shown" in html
    response = patient_client.post(
        jurl(patient, "quick_spasm"), {"region": "tail", "severity": "4"}
    )
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_quick_log_refuses_other_methods(patient_client, patient):
    assert patient_client.put(jurl(patient, "quick_spasm")).status_code == 405


def test_undo_from_the_saved_card_removes_the_spasm(patient_client, patient):
    patient_client.post(
        jurl(patient, "quick_spasm"),
        {"region": "neck", "severity": "3", "client_token": str(Entry.new_token())},
    )
    entry = Entry.objects.get()
    html = patient_client.post(
        jurl(patient, "entry_delete", entry.pk), {"next": "home"}, **HTMX
    ).content.decode()
    assert "Removed" in html
    assert not Entry.objects.exists()


def test_htmx_save_and_undo_refresh_todays_list(patient_client, patient):
    token = str(Entry.new_token())
    data = {"region": "hands", "severity": "2", "client_token": token}
    html = patient_client.post(jurl(patient, "quick_spasm"), data, **HTMX).content.decode()
    assert 'hx-swap-oob="afterbegin:#today-entries"' in html
    assert "Left hand, Right hand" in html.split('hx-swap-oob="afterbegin')[1]
    entry = Entry.objects.get()
    html = patient_client.post(jurl(patient, "entry_delete", entry.pk), **HTMX).content.decode()
    assert "Nothing logged today yet" in html.split('id="today"')[1]


def _htmx_save_queries(client, patient) -> int:
    data = {"region": "neck", "severity": "4", "client_token": str(Entry.new_token())}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(jurl(patient, "quick_spasm"), data, **HTMX)
    assert response.status_code == 200
    return len(queries)


def test_htmx_save_costs_the_same_queries_with_fifty_entries_today(patient_client, patient):
    first = _htmx_save_queries(patient_client, patient)
    for minutes in range(50):
        make_entry(patient, occurred_at=timezone.now() - dt.timedelta(minutes=minutes + 1))
    assert _htmx_save_queries(patient_client, patient) == first


def test_htmx_save_adds_only_the_new_row_not_the_whole_day(patient_client, patient):
    make_entry(
        patient, regions=["chest_band"], occurred_at=timezone.now() - dt.timedelta(minutes=5)
    )
    data = {"region": "neck", "severity": "4", "client_token": str(Entry.new_token())}
    html = patient_client.post(jurl(patient, "quick_spasm"), data, **HTMX).content.decode()
    assert html.count('class="entry"') == 1
    assert "Chest" not in html


def test_home_draws_the_list_a_quick_save_adds_to_even_when_empty(patient_client, patient):
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert 'id="today-entries"' in html and "Nothing logged today yet" in html
