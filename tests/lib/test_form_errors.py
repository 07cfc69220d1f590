import re

import pytest
from django.utils.html import escape

from lib.text import ONE_LINE_MESSAGE
from symptoms.models import Entry
from tests.support.makers import address_of, jurl, pain_data

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'<div class="form-problem".*?</div>', re.S)


def split_summary(html: str) -> tuple[str, str]:
    """(the error summary at the top, the rest of the page)."""
    summaries = SUMMARY.findall(html)
    assert len(summaries) == 1
    return summaries[0], SUMMARY.sub("", html)


def test_a_bad_pain_form_says_each_problem_once_by_its_field_and_once_in_the_summary(
    patient_client, patient
):
    data = pain_data(regions=[], pain_type="")
    html = patient_client.post(jurl(patient, "pain_create"), data).content.decode()
    summary, rest = split_summary(html)
    for field, label, message in [
        ("regions", "Where", "Choose at least one place."),
        ("pain_type", "What kind of pain?", "Choose the kind of pain."),
    ]:
        assert rest.count(message) == 1, message
        assert summary.count(message) == 1, message
        assert f'<a href="#id_{field}">{label}: {message}</a>' in summary
        assert f'id="id_{field}"' in rest
    assert not Entry.objects.exists()


def test_the_summary_counts_the_fields_with_a_problem(patient_client, patient):
    data = pain_data(regions=[], pain_type="", severity="")
    html = patient_client.post(jurl(patient, "pain_create"), data).content.decode()
    summary, _ = split_summary(html)
    assert "Please check these 3 things." in summary


def test_a_problem_only_the_model_finds_is_still_said_once(patient_client, patient):
    data = pain_data(pain_type="musculoskeletal")
    html = patient_client.post(jurl(patient, "pain_create"), data).content.decode()
    summary, rest = split_summary(html)
    assert rest.count("belong to another kind of pain") == 1
    assert '<a href="#id_sensations">What does it feel like?: Those feelings' in summary


@pytest.mark.parametrize(
    ("name", "data", "field", "label", "message"),
    [
        (
            "pain_create",
            pain_data(before_when="Two\r\nyears ago"),
            "before_when",
            "If so, when?",
            ONE_LINE_MESSAGE,
        ),
        (
            "own_triggers",
            {"name": "cof\u202efee"},
            "name",
            "Name a trigger of your own",
            ONE_LINE_MESSAGE,
        ),
        (
            "sharing",
            {"email": address_of(300), "permission": "view"},
            "email",
            "Their e-mail address (optional)",
            "An e-mail address has at most 254 characters; this one has 300. Check the address.",
        ),
    ],
    ids=["line break", "direction control", "300-character address"],
)
def test_hostile_text_is_said_once_by_its_field_and_once_in_the_summary(
    patient_client, patient, name, data, field, label, message
):
    html = patient_client.post(jurl(patient, name), data).content.decode()
    summary, rest = split_summary(html)
    assert rest.count(escape(message)) == 1
    assert f'<a href="#id_{field}">{label}: {escape(message)}</a>' in summary
