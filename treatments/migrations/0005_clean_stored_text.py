"""Rows stored before the one-line rules: control characters out of the treatments' text."""

from django.db import migrations

from lib.text import clean_stored_text


class Migration(migrations.Migration):
    dependencies = [("treatments", "0004_one_line_text_rules")]

    operations = [
        migrations.RunPython(
            clean_stored_text("treatments", "Treatment", lines=("name",), notes=("notes",), unique="name"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            clean_stored_text("treatments", "TreatmentPeriod", lines=("unit",), notes=("notes",)),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            clean_stored_text("treatments", "SideEffect", lines=("what",)),
            migrations.RunPython.noop,
        ),
    ]
