"""The record of digests sent moves here from sharing, rows and all.

The table already exists (sharing made it), so the model is created in the migration
state only, on that table, and then the table is renamed to weekly's own name.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("sharing", "0002_one_access_per_invitation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DigestSent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("week_start", models.DateField()),
                        ("sent_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "patient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "sharing_digestsent",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("recipient", "patient", "week_start"),
                                name="digest_once_a_week",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="digestsent", table=None),
    ]
