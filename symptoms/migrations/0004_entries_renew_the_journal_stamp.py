"""Pages kept in memory are keyed by the journal stamp: changes here renew it."""

from django.db import migrations

from accounts.stamps import stamped


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_journal_stamp"), ("symptoms", "0003_entry_uuid_and_shared_validators")]

    operations = [stamped("symptoms_entry", ["{row}.patient_id"])]
