"""The patient reads the access log in words, for every page a caregiver can open."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sharing.actions import ACTIONS, UNKNOWN, WORDS_FROM, describe, register_words
from sharing.models import AccessLogEntry
from tests.support.house import page_owners
from tests.support.journal_urls import build_url, open_url
from tests.support.migrating import migrate
from tests.support.routes import JOURNAL_URLS

CAREGIVER_PAGES = [
    (name, route) for name, route, view in JOURNAL_URLS if view.journal_level != "owner"
]


@pytest.mark.parametrize("name", [name for name, _ in CAREGIVER_PAGES])
def test_every_page_a_caregiver_can_open_has_words_for_the_log(name):
    looking, _ = ACTIONS[name]
    assert looking and looking != UNKNOWN


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), CAREGIVER_PAGES)
def test_what_a_caregiver_did_reads_as_words(client, world, name, route):
    client.force_login(world["logger"])
    _, posted = open_url(client, build_url(route, name, world))
    (look,) = AccessLogEntry.objects.all()
    looking, sending = ACTIONS[name]
    assert look.description == (sending if posted else looking)


def test_each_app_brings_the_words_for_its_own_pages():
    owners = page_owners()
    assert {name: owners[name] for name in ACTIONS} == WORDS_FROM


def test_a_page_cannot_have_two_apps_words():
    with pytest.raises(ValueError, match="entry_edit"):
        register_words("weekly", {"entry_edit": ("opened a week", None)})
    assert describe("entry_edit:GET") == "opened an entry to change it"


def test_a_form_sent_reads_differently_from_a_look():
    assert describe("entry_edit:GET") == "opened an entry to change it"
    assert describe("entry_edit:POST") == "changed an entry"
    assert describe("summary_pdf:HEAD") == "downloaded the visit summary (PDF)"


def test_a_page_that_no_longer_exists_still_reads_as_words():
    assert describe("page_removed_long_ago:GET") == UNKNOWN
    assert describe("spelled out long ago") == UNKNOWN


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_turns_the_old_spelled_out_log_into_words(patient, viewer):
    old = migrate([("sharing", "0003_digest_sent_moves_to_weekly")])
    OldLog = old.get_model("sharing", "AccessLogEntry")
    for what in ["quick spasm (POST)", "entry detail 296", "summary print", "week of 2026-03-09"]:
        OldLog.objects.create(patient_id=patient.pk, caregiver_id=viewer.pk, what=what)
    migrate([("sharing", "0004_access_log_action_codes")])
    described = [e.description for e in AccessLogEntry.objects.order_by("pk")]
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # as it found it
    assert described == [
        "logged a spasm",
        "opened an entry",
        "opened the visit summary for printing",
        "looked at an earlier weekly review",
    ]
