"""Pages kept in memory are keyed by the journal stamp: changes here renew it."""

from django.db import migrations

from accounts.stamps import stamped


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_journal_stamp"), ("treatments", "0001_initial")]

    operations = [
        stamped("treatments_treatment", ["{row}.patient_id"]),
        stamped(
            "treatments_treatmentperiod",
            ["(SELECT patient_id FROM treatments_treatment WHERE id = {row}.treatment_id)"],
        ),
    ]
