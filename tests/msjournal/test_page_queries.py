"""Every journal page reads a fixed, small number of queries: as few for five years of
journal as for one week. (The reports are held to the same in test_report_queries.py.)"""

import pytest
from django.utils import timezone

from symptoms.models import Entry
from tests.support.makers import journal_of, jurl, make_entry, treatments_of
from tests.support.queries import MAX_QUERIES, queries

pytestmark = pytest.mark.django_db
HOME_QUERIES = 7  # session, user, today's entries, the journal switcher, today's check-in,
# the as-needed treatments of the dose card, today's weather on the check-in card

PAGES = [
    ("home", False),
    ("quick_spasm", False),
    ("spasm_create", False),
    ("pain_create", False),
    ("history", False),
    ("check_in", False),
    ("own_triggers", False),
    ("sharing", False),
    ("import", False),
    ("treatment_list", False),
    ("explore", False),
    ("entry_detail", True),
    ("entry_edit", True),
    ("entry_delete", True),
]


def _journal(patient, days: int) -> str:
    """A journal of `days` days, with treatments, and a few entries today; the newest
    entry's key."""
    journal_of(patient, days)
    treatments_of(patient, days)
    for minutes in (1, 2, 3):
        make_entry(patient, occurred_at=timezone.now() - timezone.timedelta(minutes=minutes))
    return Entry.objects.filter(patient=patient).first().pk


def _every_page_queries(client, patient, pk: int) -> dict[str, int]:
    return {
        name: queries(client, jurl(patient, name, *([pk] if of_an_entry else [])))
        for name, of_an_entry in PAGES
    }


def test_every_page_takes_a_few_queries_the_same_for_a_week_and_five_years(patient_client, patient):
    # One journal of each length for all the pages: a five-year one takes a while to make.
    short = _every_page_queries(patient_client, patient, _journal(patient, 7))
    assert max(short.values()) <= MAX_QUERIES, short
    assert _every_page_queries(patient_client, patient, _journal(patient, 5 * 365 + 1)) == short


def test_the_home_page_takes_five_queries(patient_client, patient):
    _journal(patient, 7)
    assert queries(patient_client, jurl(patient, "home")) == HOME_QUERIES


def test_a_caregiver_home_page_adds_only_the_access_check_and_log(client, logger, patient):
    client.force_login(logger)
    _journal(patient, 7)
    # The access and its log line: the access found, the look written, the access touched.
    assert queries(client, jurl(patient, "home")) == HOME_QUERIES + 3
