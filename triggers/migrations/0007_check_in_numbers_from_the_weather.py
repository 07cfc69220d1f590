"""Whose each of the check-in's temperature and humidity is: the patient's own (empty) or
the weather's, brought in by a file. SQLite rebuilds the table to add a constrained
column, which drops its triggers, so the journal stamp's are put back."""

from django.db import migrations, models

from accounts.stamps import restamped

SOURCE = models.CharField(
    blank=True,
    choices=[("", "the patient's own"), ("weather", "the weather")],
    default="",
    max_length=7,
)


def known(value: str) -> models.CheckConstraint:
    source = f"{value}_source"
    return models.CheckConstraint(
        condition=models.Q((source, ""))
        | models.Q((f"{value}__isnull", False), (source, "weather")),
        name=f"check_in_{value}_source_known",
    )


class Migration(migrations.Migration):
    dependencies = [("triggers", "0006_clean_stored_text")]

    operations = [
        # On both sides of the rebuild, so that going back puts them back too.
        restamped("triggers_checkin", ["{row}.patient_id"]),
        migrations.AddField(model_name="checkin", name="max_temp_c_source", field=SOURCE),
        migrations.AddField(model_name="checkin", name="humidity_pct_source", field=SOURCE),
        migrations.AddConstraint(model_name="checkin", constraint=known("max_temp_c")),
        migrations.AddConstraint(model_name="checkin", constraint=known("humidity_pct")),
        restamped("triggers_checkin", ["{row}.patient_id"]),
    ]
