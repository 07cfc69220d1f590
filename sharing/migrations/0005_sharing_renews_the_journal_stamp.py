"""Pages kept in memory are keyed by the journal stamp: changes here renew it."""

from django.db import migrations

from accounts.stamps import stamped


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_journal_stamp"), ("sharing", "0004_access_log_action_codes")]

    operations = [
        # Whom one cares for, and with what permission: both people see it.
        stamped(
            "sharing_careaccess",
            ["{row}.patient_id", "{row}.caregiver_id"],
            columns=["patient_id", "caregiver_id", "permission", "revoked_at"],
        ),
        # A name shown on the pages of everyone one shares a journal with.
        stamped(
            "accounts_user",
            [
                "SELECT patient_id FROM sharing_careaccess WHERE caregiver_id = {row}.id"
                " UNION SELECT caregiver_id FROM sharing_careaccess WHERE patient_id = {row}.id"
            ],
            columns=["display_name", "email"],
            events=("UPDATE",),
        ),
    ]
