"""Upgrading a server whose database holds rows the new limits forbid."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("triggers", "0001_initial")]
AFTER = [("triggers", "0002_check_in_and_own_trigger_shared_validators")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # (app, None) unapplies the app; the state is that of the migrations left applied.
    applied = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(applied).apps


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
