"""Rows stored before the one-line rules: control characters out of own triggers" names."""

from django.db import migrations

from lib.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("triggers", "0005_one_line_text_rules")]

    operations = [
        migrations.RunPython(
            clean_stored_text("triggers", "OwnTrigger", lines=("name",), unique="name"),
            migrations.RunPython.noop,
        ),
    ]
