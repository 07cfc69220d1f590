"""On PostgreSQL the journal stamp is renewed by rules, which cost a new connection
nothing to load, in place of trigger functions (SQLite keeps its triggers)."""

from django.db import migrations

from accounts.stamps import restamped


class Migration(migrations.Migration):
    dependencies = [("triggers", "0003_check_ins_renew_the_journal_stamp")]

    operations = [restamped("triggers_checkin", ["{row}.patient_id"])]
