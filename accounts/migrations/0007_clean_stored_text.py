"""Rows stored before the one-line rules: control characters out of names."""

from django.db import migrations

from lib.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_one_line_text_rules")]

    operations = [
        migrations.RunPython(
            clean_stored_text("accounts", "User", lines=("display_name", "full_name")),
            migrations.RunPython.noop,
        ),
    ]
