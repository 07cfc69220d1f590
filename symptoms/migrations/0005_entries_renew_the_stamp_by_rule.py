"""On PostgreSQL the journal stamp is renewed by rules, which cost a new connection
nothing to load, in place of trigger functions (SQLite keeps its triggers)."""

from django.db import migrations

from accounts.stamps import restamped


class Migration(migrations.Migration):
    dependencies = [("symptoms", "0004_entries_renew_the_journal_stamp")]

    operations = [restamped("symptoms_entry", ["{row}.patient_id"])]
