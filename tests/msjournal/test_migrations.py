"""Upgrading a server whose database holds rows the new limits forbid."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.support.migrating import migrate

BEFORE = [("triggers", "0001_initial")]
AFTER = [("triggers", "0002_check_in_and_own_trigger_shared_validators")]


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_over_a_year_one_check_in_stops_and_names_the_row(patient):
    old = migrate(BEFORE)
    check_in = old.get_model("triggers", "CheckIn").objects.create(
        patient_id=patient.pk, date=dt.date(1, 1, 1)
    )
    try:
        with pytest.raises(RuntimeError, match=rf"ids {check_in.pk}…\): correct or delete"):
            migrate(AFTER)
    finally:
        old.get_model("triggers", "CheckIn").objects.filter(pk=check_in.pk).delete()
        migrate(AFTER)
    assert connection.introspection.get_constraints(connection.cursor(), "triggers_checkin")[
        "check_in_not_before_earliest_date"
    ]


DIGEST_BEFORE = [("sharing", "0002_one_access_per_invitation"), ("weekly", None)]
DIGEST_AFTER = [
    ("sharing", "0003_digest_sent_moves_to_weekly"),
    ("weekly", "0001_digest_sent_from_sharing"),
]


@pytest.mark.django_db(transaction=True)
def test_digests_already_sent_survive_the_move_to_weekly(patient, stranger):
    old = migrate(DIGEST_BEFORE)
    old.get_model("sharing", "DigestSent").objects.create(
        recipient_id=stranger.pk, patient_id=patient.pk, week_start=dt.date(2026, 3, 9)
    )
    new = migrate(DIGEST_AFTER)
    sent = new.get_model("weekly", "DigestSent").objects.get()
    assert (sent.recipient_id, sent.patient_id) == (stranger.pk, patient.pk)
    assert sent.week_start == dt.date(2026, 3, 9)
    assert "sharing_digestsent" not in connection.introspection.table_names()


TEXT_BEFORE = [
    ("accounts", "0006_one_line_text_rules"),
    ("symptoms", "0007_one_line_text_rules"),
    ("treatments", "0004_one_line_text_rules"),
    ("triggers", "0005_one_line_text_rules"),
]
TEXT_AFTER = [
    ("accounts", "0007_clean_stored_text"),
    ("symptoms", "0008_clean_stored_text"),
    ("treatments", "0005_clean_stored_text"),
    ("triggers", "0006_clean_stored_text"),
]


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_cleans_control_characters_from_stored_text_and_says_how_many(
    patient, stranger, capsys
):
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # wherever others left it
    old = migrate(TEXT_BEFORE)
    old.get_model("accounts", "User").objects.filter(pk=patient.pk).update(
        display_name="Pat\r\nBrown\u202e", full_name="Patricia\tBrown"
    )
    # Text the rules accept stays exactly as typed, double and no-break spaces included.
    old.get_model("accounts", "User").objects.filter(pk=stranger.pk).update(
        display_name="Dr\u00a0Sam", full_name="Anne-Marie  Dupont"
    )
    Entry = old.get_model("symptoms", "Entry")
    entry = Entry.objects.create(
        patient_id=patient.pk,
        kind="pain",
        pain_type="nerve",
        severity=4,
        regions=["neck"],
        before_when="Last\nyear",
        notes="Numb\u202e hand\r\n\tsince Tuesday\x07",
    )
    Treatment = old.get_model("treatments", "Treatment")
    Treatment.objects.create(patient_id=patient.pk, name="Baclofen")
    clashing = Treatment.objects.create(patient_id=patient.pk, name="baclofen\u2066")
    theirs = Treatment.objects.create(patient_id=stranger.pk, name="Baclofen\n")
    # Made later, already clean, its notes mended: it keeps its name, the older one moves.
    kept = Treatment.objects.create(patient_id=stranger.pk, name="BACLOFEN", notes="Hm\u2028")
    OwnTrigger = old.get_model("triggers", "OwnTrigger")
    coffee = OwnTrigger.objects.create(patient_id=patient.pk, name="coffee\x0b")
    unnamed = OwnTrigger.objects.create(patient_id=patient.pk, name="\x07")
    capsys.readouterr()

    new = migrate(TEXT_AFTER)

    pat = new.get_model("accounts", "User").objects.get(pk=patient.pk)
    assert (pat.display_name, pat.full_name) == ("Pat Brown", "Patricia Brown")
    entry = new.get_model("symptoms", "Entry").objects.get(pk=entry.pk)
    assert entry.before_when == "Last year"
    assert entry.notes == "Numb hand\r\n\tsince Tuesday "
    names = new.get_model("treatments", "Treatment").objects.in_bulk()
    assert names[clashing.pk].name == "baclofen (2)"
    assert (names[theirs.pk].name, names[kept.pk].name) == ("Baclofen (2)", "BACLOFEN")
    sam = new.get_model("accounts", "User").objects.get(pk=stranger.pk)
    assert (sam.display_name, sam.full_name) == ("Dr\u00a0Sam", "Anne-Marie  Dupont")
    triggers = new.get_model("triggers", "OwnTrigger").objects.in_bulk()
    assert (triggers[coffee.pk].name, triggers[unnamed.pk].name) == ("coffee", "Unnamed")
    said = capsys.readouterr().out
    for line in [
        "accounts_user.display_name: 1 row(s) cleaned",
        "accounts_user.full_name: 1 row(s) cleaned",
        "symptoms_entry.before_when: 1 row(s) cleaned",
        "symptoms_entry.notes: 1 row(s) cleaned",
        "treatments_treatment.name: 2 row(s) cleaned",
        "treatments_treatment.notes: 1 row(s) cleaned",
        "triggers_owntrigger.name: 2 row(s) cleaned",
    ]:
        assert line in said
    assert "interference_example" not in said  # nothing to clean, nothing said
    assert "Pat" not in said and "offee" not in said  # counts, never what was stored
