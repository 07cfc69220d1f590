"""On PostgreSQL the journal stamp is renewed by rules, which cost a new connection
nothing to load, in place of trigger functions (SQLite keeps its triggers)."""

from django.db import migrations

from accounts.stamps import restamped


class Migration(migrations.Migration):
    dependencies = [("sharing", "0005_sharing_renews_the_journal_stamp")]

    operations = [
        # On PostgreSQL only when who or what changes, not on every save of the row
        # (SQLite's trigger: whenever those columns are written).
        restamped(
            "sharing_careaccess",
            ["{row}.patient_id", "{row}.caregiver_id"],
            columns=["patient_id", "caregiver_id", "permission", "revoked_at"],
        ),
    ]
