"""Pages kept in memory are keyed by the journal stamp: changes here renew it."""

from django.db import migrations

from accounts.stamps import stamped


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_journal_stamp"), ("triggers", "0002_check_in_and_own_trigger_shared_validators")]

    operations = [stamped("triggers_checkin", ["{row}.patient_id"])]
