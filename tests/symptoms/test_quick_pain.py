import datetime as dt
import re

import pytest
from django.utils import timezone

from symptoms.models import Entry
from tests.support.makers import jurl, make_entry

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def tap(**overrides) -> dict:
    data = {
        "pain_type": "nerve",
        "region": "back",
        "severity": "6",
        "client_token": str(Entry.new_token()),
    }
    return data | overrides


def test_home_offers_pain_as_a_quick_log_and_the_full_form_as_a_link(patient_client, patient):
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert f'href="{jurl(patient, "quick_pain")}"' in html
    assert f'<a href="{jurl(patient, "pain_create")}">Log pain with all the details</a>' in html


def test_pain_steps_ask_the_kind_then_the_place_then_how_bad(patient_client, patient):
    url = jurl(patient, "quick_pain")
    html = patient_client.get(url).content.decode()
    assert "Pain: what kind?" in html
    for code in ("nerve", "spasticity", "musculoskeletal"):
        assert f"?pain_type={code}" in html
    html = patient_client.get(url, {"pain_type": "spasticity"}).content.decode()
    assert "Stiffness or cramp: where?" in html
    assert "?pain_type=spasticity&amp;region=both_legs" in html
    html = patient_client.get(url, {"pain_type": "spasticity", "region": "neck"}).content.decode()
    assert "Stiffness or cramp in neck: how bad?" in html
    assert 'name="pain_type" value="spasticity"' in html
    for n in range(11):
        assert f'name="severity" value="{n}"' in html


def test_the_severity_tap_saves_one_pain_entry_and_home_confirms_it(patient_client, patient):
    response = patient_client.post(jurl(patient, "quick_pain"), tap(region="hips"))
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.patient, entry.kind, entry.pain_type, entry.severity) == (
        patient,
        "pain",
        "nerve",
        6,
    )
    assert entry.regions == ["left_hip", "right_hip"]
    html = patient_client.get(jurl(patient, "home")).content.decode()
    assert "Saved: pain 6/10" in html
    assert jurl(patient, "pain_more", entry.pk) + "?step=feels" in html


def test_htmx_steps_and_save_return_only_the_card(patient_client, patient):
    url = jurl(patient, "quick_pain")
    for params in ({}, {"pain_type": "nerve"}, {"pain_type": "nerve", "region": "neck"}):
        html = patient_client.get(url, params, **HTMX).content.decode()
        assert html.lstrip().startswith('<section class="card" id="quick-log"')
    html = patient_client.post(url, tap(), **HTMX).content.decode()
    assert "Saved: pain 6/10" in html and "<html" not in html


def test_a_double_tap_makes_one_pain_entry(patient_client, patient):
    data = tap()
    patient_client.post(jurl(patient, "quick_pain"), data)
    patient_client.post(jurl(patient, "quick_pain"), data, **HTMX)
    assert Entry.objects.count() == 1


def test_a_tap_kept_offline_is_dated_when_it_was_tapped(patient_client, patient):
    tapped = timezone.now().replace(microsecond=0) - dt.timedelta(hours=3)
    patient_client.post(jurl(patient, "quick_pain"), tap(tapped_at=tapped.isoformat()))
    assert Entry.objects.get().occurred_at == tapped


@pytest.mark.parametrize(
    "overrides, shown",
    [
        ({"pain_type": "sharp"}, "Choose one of the kinds of pain shown."),
        ({"pain_type": ""}, "Pain: what kind?"),
        ({"region": "tail"}, "Choose one of the places shown."),
        ({"severity": "11"}, "number from 0"),
        ({"tapped_at": "yesterday"}, "could not be read"),
    ],
)
def test_a_bad_tap_saves_nothing_and_says_why(patient_client, patient, overrides, shown):
    response = patient_client.post(jurl(patient, "quick_pain"), tap(**overrides))
    assert response.status_code == 200
    assert shown in response.content.decode()
    assert not Entry.objects.exists()


def test_the_quick_pain_log_refuses_other_methods(patient_client, patient):
    assert patient_client.put(jurl(patient, "quick_pain")).status_code == 405
    pain = make_entry(patient, kind="pain", pain_type="nerve", regions=["neck"])
    assert patient_client.delete(jurl(patient, "pain_more", pain.pk)).status_code == 405


def test_a_viewer_may_not_log_pain_and_a_stranger_finds_nothing(client, viewer, stranger, patient):
    pain = make_entry(patient, kind="pain", pain_type="nerve", regions=["neck"])
    client.force_login(viewer)
    assert client.get(jurl(patient, "quick_pain")).status_code == 403
    assert (
        client.post(jurl(patient, "pain_more", pain.pk), {"pattern": "constant"}).status_code == 403
    )
    client.force_login(stranger)
    assert client.post(jurl(patient, "quick_pain"), tap()).status_code == 404
    assert client.get(jurl(patient, "pain_more", pain.pk)).status_code == 404
    pain.refresh_from_db()
    assert pain.pattern == "" and Entry.objects.count() == 1


@pytest.fixture
def nerve_pain(patient):
    return make_entry(patient, kind="pain", pain_type="nerve", regions=["chest_band"], severity=7)


def test_the_feelings_step_offers_only_this_kind_of_pain_and_saves_them(
    patient_client, patient, nerve_pain
):
    url = jurl(patient, "pain_more", nerve_pain.pk)
    html = patient_client.get(url, {"step": "feels"}).content.decode()
    assert "Squeezing band round the chest" in html and "Cramp" not in html
    response = patient_client.post(f"{url}?step=feels", {"sensations": ["ms_hug", "burning"]})
    assert response.url == f"{url}?step=pattern"
    nerve_pain.refresh_from_db()
    assert nerve_pain.sensations == ["ms_hug", "burning"]


def test_a_feeling_of_another_kind_of_pain_is_refused(patient_client, patient, nerve_pain):
    url = jurl(patient, "pain_more", nerve_pain.pk) + "?step=feels"
    response = patient_client.post(url, {"sensations": ["cramp"]})
    assert response.status_code == 200
    assert "cramp is not one of the choices" in response.content.decode()
    nerve_pain.refresh_from_db()
    assert nerve_pain.sensations == []


def test_each_step_saves_onto_the_entry_and_leads_to_the_next(patient_client, patient, nerve_pain):
    url = jurl(patient, "pain_more", nerve_pain.pk)
    steps = [
        ("pattern", {"pattern": "constant", "onset": "gradual"}, f"{url}?step=new"),
        ("new", {"with_new_symptoms": "yes"}, f"{url}?step=eases"),
        ("before", {"happened_before": "no"}, f"{url}?step=interference"),
        (
            "interference",
            {"interference_sleep": "8", "interference_walking": "3"},
            f"{url}?step=example",
        ),
    ]
    for step, data, next_url in steps:
        assert patient_client.post(f"{url}?step={step}", data).url == next_url
    nerve_pain.refresh_from_db()
    assert (nerve_pain.pattern, nerve_pain.onset, nerve_pain.happened_before) == (
        "constant",
        "gradual",
        "no",
    )
    assert nerve_pain.is_possible_relapse
    assert nerve_pain.interference == [("sleep", 8), ("walking", 3)]
    html = patient_client.get(jurl(patient, "entry_detail", nerve_pain.pk)).content.decode()
    assert "This could be a relapse" in html


def test_every_step_can_be_skipped(patient_client, patient, nerve_pain):
    url = jurl(patient, "pain_more", nerve_pain.pk)
    html = patient_client.get(url, {"step": "pattern"}).content.decode()
    assert f'href="{url}?step=new">Skip this step</a>' in html
    html = patient_client.get(url, {"step": "example"}).content.decode()
    assert f'href="{jurl(patient, "entry_detail", nerve_pain.pk)}">Skip this step</a>' in html


def test_an_interference_out_of_range_is_refused(patient_client, patient, nerve_pain):
    url = jurl(patient, "pain_more", nerve_pain.pk) + "?step=interference"
    response = patient_client.post(url, {"interference_sleep": "12"})
    assert response.status_code == 200
    assert "Choose a number from 0 to 10" in response.content.decode()
    nerve_pain.refresh_from_db()
    assert nerve_pain.interference_sleep is None


def test_a_spasm_has_no_pain_steps_and_goes_to_its_own_form(patient_client, patient):
    spasm = make_entry(patient)
    response = patient_client.get(jurl(patient, "pain_more", spasm.pk))
    assert response.url == jurl(patient, "entry_edit", spasm.pk)


@pytest.mark.parametrize(
    "name, params",
    [
        ("quick_spasm", {}),
        ("quick_spasm", {"region": "neck"}),
        ("quick_pain", {}),
        ("quick_pain", {"pain_type": "nerve"}),
        ("quick_pain", {"pain_type": "nerve", "region": "neck"}),
    ],
)
def test_each_quick_step_has_a_back_link_and_its_links_push_their_own_address(
    patient_client, patient, name, params
):
    html = patient_client.get(jurl(patient, name), params, **HTMX).content.decode()
    assert ">Back</a>" in html
    for link in re.findall(r"<a [^>]*hx-get=[^>]*>", html):
        assert 'hx-push-url="true"' in link, link


def test_the_browsers_back_to_a_step_htmx_no_longer_holds_gets_the_whole_page(
    patient_client, patient
):
    restore = HTMX | {"HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    html = patient_client.get(
        jurl(patient, "quick_pain"), {"pain_type": "nerve"}, **restore
    ).content.decode()
    assert "<html" in html and "Nerve pain: where?" in html


def test_an_htmx_save_puts_the_home_address_back(patient_client, patient):
    response = patient_client.post(jurl(patient, "quick_pain"), tap(), **HTMX)
    assert response.headers["HX-Replace-Url"] == jurl(patient, "home")


@pytest.mark.parametrize(
    "region, regions",
    [
        ("left_hand", ["left_hand"]),
        ("right_hand", ["right_hand"]),
        ("hands", ["left_hand", "right_hand"]),
        ("left_foot", ["left_foot"]),
        ("right_foot", ["right_foot"]),
        ("feet", ["left_foot", "right_foot"]),
    ],
)
@pytest.mark.parametrize("name", ["quick_spasm", "quick_pain"])
def test_hands_and_feet_are_logged_on_the_side_tapped(
    patient_client, patient, name, region, regions
):
    patient_client.post(jurl(patient, name), tap(region=region))
    assert Entry.objects.get().regions == regions


@pytest.mark.parametrize(
    "name, params", [("quick_spasm", {}), ("quick_pain", {"pain_type": "nerve"})]
)
def test_the_places_ask_which_hand_and_which_foot(patient_client, patient, name, params):
    html = patient_client.get(jurl(patient, name), params).content.decode()
    for label in ("Left hand", "Right hand", "Both hands", "Left foot", "Right foot", "Both feet"):
        assert f">{label}</a>" in html
    assert ">Hands</a>" not in html and ">Feet</a>" not in html


def test_the_pattern_step_asks_how_it_comes_once_and_keeps_the_legend_for_screen_readers(
    patient_client, patient, nerve_pain
):
    url = jurl(patient, "pain_more", nerve_pain.pk)
    html = patient_client.get(url, {"step": "pattern"}).content.decode()
    assert "<h1>How does it come?</h1>" in html
    assert '<legend class="visually-hidden">How does it come?</legend>' in html
    assert "<legend>How did it start?</legend>" in html
