"""On PostgreSQL the journal stamp is renewed by rules, which cost a new connection
nothing to load, in place of trigger functions (SQLite keeps its triggers)."""

from django.db import migrations

from accounts.stamps import restamped


class Migration(migrations.Migration):
    dependencies = [("treatments", "0002_treatments_renew_the_journal_stamp")]

    operations = [
        restamped("treatments_treatment", ["{row}.patient_id"]),
        restamped(
            "treatments_treatmentperiod",
            ["(SELECT patient_id FROM treatments_treatment WHERE id = {row}.treatment_id)"],
        ),
    ]
