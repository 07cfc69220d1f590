"""An entry's patient needs no index of its own: the (patient, occurred_at) index and the
two unique ones begin with it. SQLite rebuilds the table to change a column, which drops
its triggers, so the journal stamp's are put back."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from accounts.stamps import restamped


class Migration(migrations.Migration):
    dependencies = [
        ("symptoms", "0005_entries_renew_the_stamp_by_rule"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # On both sides of the rebuild, so that going back puts them back too.
        restamped("symptoms_entry", ["{row}.patient_id"]),
        migrations.AlterField(
            model_name="entry",
            name="patient",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entries",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        restamped("symptoms_entry", ["{row}.patient_id"]),
    ]
