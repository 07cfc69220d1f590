"""Rows stored before the one-line rules: control characters out of entries" text."""

from django.db import migrations

from lib.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("symptoms", "0007_one_line_text_rules")]

    operations = [
        migrations.RunPython(
            clean_stored_text("symptoms", "Entry", lines=("before_when",), notes=("notes", "interference_example")),
            migrations.RunPython.noop,
        ),
    ]
