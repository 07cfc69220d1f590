"""Rows stored before the one-line rules: control characters out of questions for the visit."""

from django.db import migrations

from lib.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_questions_note_rules")]

    operations = [
        migrations.RunPython(
            clean_stored_text("visits", "VisitPrep", notes=("questions",)),
            migrations.RunPython.noop,
        ),
    ]
