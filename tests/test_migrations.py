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
    return executor.loader.project_state(targets).apps


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
