"""The optional steps after a quick pain log: together they ask every question of the
full pain form, one screen each, in the same words, each saved as it is answered."""

import re

import pytest
from django.utils.html import escape

from lib.text import NOTE_MESSAGE, ONE_LINE_MESSAGE
from symptoms.choices import HappenedBefore, Relief, Worsened
from symptoms.models import PAIN_ONLY, Entry
from tests.support.makers import jurl, make_entry

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}

# The steps the quick path lacked: what a good answer looks like, what it saves, and
# the step that follows.
ANSWERS = [
    ("eases", {"relieved_by": ["painkillers", "sitting_upright"]}, "worse"),
    ("worse", {"worsened_by": ["lying_down", "tiredness"]}, "before"),
    ("before", {"happened_before": "same", "before_when": "Last winter"}, "interference"),
    ("example", {"interference_example": "Two hours to fall asleep."}, None),
]
SAVED = {
    "relieved_by": ["painkillers", "sitting_upright"],
    "worsened_by": ["lying_down", "tiredness"],
    "happened_before": "same",
    "before_when": "Last winter",
    "interference_example": "Two hours to fall asleep.",
}


@pytest.fixture
def pain(patient):
    return make_entry(patient, kind="pain", pain_type="nerve", regions=["chest_band"], severity=7)


def step_url(patient, entry, step: str) -> str:
    return jurl(patient, "pain_more", entry.pk) + f"?step={step}"


def asked(html: str) -> list[str]:
    """The names of the answers a page's form sends, in the order the page asks them."""
    form = html.split("<main", 1)[1].split("</form>", 1)[0]
    names = re.findall(r'<(?:input|textarea|select)[^>]* name="([^"]+)"', form)
    return list(dict.fromkeys(n for n in names if n != "csrfmiddlewaretoken"))


def test_skipping_through_the_steps_asks_every_question_of_the_full_form_in_its_order(
    patient_client, patient, pain
):
    url, questions, screens = jurl(patient, "pain_more", pain.pk), [], 0
    while url != jurl(patient, "entry_detail", pain.pk):
        html = patient_client.get(url).content.decode()
        questions += asked(html)
        screens += 1
        url = re.search(r'href="([^"]+)">Skip this step</a>', html).group(1).replace("&amp;", "&")
    full_form = asked(patient_client.get(jurl(patient, "pain_create")).content.decode())
    assert questions == [name for name in full_form if name in PAIN_ONLY]
    assert questions == PAIN_ONLY
    assert screens == 8
    assert f"Step 8 of {screens}, optional" in html


@pytest.mark.parametrize(
    "step, question, choices",
    [
        ("eases", "What eases it?", Relief.labels),
        ("worse", "What makes it worse?", Worsened.labels),
        ("before", "Has it happened before?", ["Not sure", *HappenedBefore.labels]),
        ("before", "If so, when?", []),
        ("example", "A concrete example", ["two hours to fall asleep"]),
    ],
)
def test_a_new_step_asks_in_the_full_forms_words_with_its_choices(
    patient_client, patient, pain, step, question, choices
):
    quick = patient_client.get(step_url(patient, pain, step)).content.decode()
    full = patient_client.get(jurl(patient, "pain_create")).content.decode()
    for words in (question, *choices):
        assert escape(words) in quick and escape(words) in full, words


@pytest.mark.parametrize("step, data, following", ANSWERS)
def test_a_new_step_saves_its_answer_and_goes_on(
    patient_client, patient, pain, step, data, following
):
    response = patient_client.post(step_url(patient, pain, step), data)
    ends = jurl(patient, "entry_detail", pain.pk)
    assert response.url == (step_url(patient, pain, following) if following else ends)
    pain.refresh_from_db()
    for name in data:
        assert getattr(pain, name) == SAVED[name]


def test_the_last_step_ends_on_the_entry_showing_every_answer(patient_client, patient, pain):
    for step, data, _ in ANSWERS:
        patient_client.post(step_url(patient, pain, step), data)
    response = patient_client.get(step_url(patient, pain, "example"))
    assert "Step 8 of 8, optional" in response.content.decode()
    response = patient_client.post(step_url(patient, pain, "example"), ANSWERS[-1][1], follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == jurl(patient, "entry_detail", pain.pk)
    for shown in (
        "<dt>Eased by</dt><dd>Painkillers, Sitting upright</dd>",
        "<dt>Worse with</dt><dd>Lying down, Being tired</dd>",
        "<dt>Happened before</dt><dd>Yes, and it felt the same (Last winter)</dd>",
        "<dt>For example</dt><dd>Two hours to fall asleep.</dd>",
    ):
        assert shown in html


@pytest.mark.parametrize(
    "step, data, field, message, kept",
    [
        (
            "eases",
            {"relieved_by": ["heat", "prayer"]},
            "relieved_by",
            "prayer is not one of the choices on the list.",
            'value="heat"',
        ),
        (
            "worse",
            {"worsened_by": ["walking", "rain"]},
            "worsened_by",
            "rain is not one of the choices on the list.",
            'value="walking"',
        ),
        (
            "before",
            {"happened_before": "different", "before_when": "Last\nwinter"},
            "before_when",
            ONE_LINE_MESSAGE,
            'value="different"',
        ),
        (
            "example",
            {"interference_example": "Cannot sit\u202e through dinner"},
            "interference_example",
            NOTE_MESSAGE,
            "Cannot sit\u202e through dinner",
        ),
    ],
)
def test_a_bad_answer_comes_back_by_its_field_with_what_was_given(
    patient_client, patient, pain, step, data, field, message, kept
):
    response = patient_client.post(step_url(patient, pain, step), data)
    assert response.status_code == 200
    html = response.content.decode()
    errors = html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert escape(message) in errors
    if kept.startswith("value="):  # a choice made stays chosen
        assert re.search(rf"<input [^>]*{kept}[^>]* checked", html), kept
    else:
        assert escape(kept) in html
    if step == "before":
        assert "Last\nwinter" in html  # the text typed, to correct
    pain.refresh_from_db()
    assert all(getattr(pain, name) in ("", []) for name in data)


@pytest.mark.parametrize("step", ["eases", "worse", "before", "example"])
def test_a_stranger_finds_no_step_and_a_viewer_may_not_answer(
    client, viewer, stranger, patient, pain, step
):
    url = step_url(patient, pain, step)
    data = {name: data for name, data, _ in ANSWERS}[step]
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    client.force_login(viewer)
    assert client.post(url, data).status_code == 403
    pain.refresh_from_db()
    assert all(getattr(pain, name) in ("", []) for name in data)


@pytest.mark.parametrize("step, data, following", ANSWERS)
def test_an_htmx_answer_saves_and_sends_the_browser_on(
    patient_client, patient, pain, step, data, following
):
    response = patient_client.post(step_url(patient, pain, step), data, **HTMX)
    ends = jurl(patient, "entry_detail", pain.pk)
    assert response.headers["HX-Redirect"] == (
        step_url(patient, pain, following) if following else ends
    )
    pain.refresh_from_db()
    assert all(getattr(pain, name) == SAVED[name] for name in data)


def test_back_goes_to_the_step_before_which_shows_what_was_saved(patient_client, patient, pain):
    html = patient_client.get(step_url(patient, pain, "feels")).content.decode()
    assert ">Back</a>" not in html  # the first step: the entry is already saved
    patient_client.post(step_url(patient, pain, "eases"), {"relieved_by": ["massage"]})
    html = patient_client.get(step_url(patient, pain, "worse")).content.decode()
    back = escape(step_url(patient, pain, "eases"))
    assert f'<a href="{back}">Back</a>' in html
    html = patient_client.get(step_url(patient, pain, "eases")).content.decode()
    assert re.search(r'<input [^>]*value="massage"[^>]* checked', html)


def test_the_saved_card_offers_every_step(patient_client, patient):
    data = {"pain_type": "nerve", "region": "back", "severity": "6"}
    patient_client.post(jurl(patient, "quick_pain"), data | {"client_token": Entry.new_token()})
    entry = Entry.objects.get()
    html = patient_client.get(jurl(patient, "home")).content.decode()
    steps = re.findall(r'href="[^"]*/more/\?step=(\w+)"', html)
    assert steps == [
        "feels",
        "pattern",
        "new",
        "eases",
        "worse",
        "before",
        "interference",
        "example",
    ]
    assert jurl(patient, "pain_more", entry.pk) in html
