"""The cache table the log-in limits count in, so `migrate` alone sets a server up."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing when the configured cache is not the database's, or the table exists.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_verified_email_addresses_for_existing_users")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
