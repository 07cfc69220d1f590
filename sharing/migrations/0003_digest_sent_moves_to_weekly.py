"""The digest record now belongs to weekly (see weekly 0001): forget it here, keep the
table and its rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0002_one_access_per_invitation"),
        ("weekly", "0001_digest_sent_from_sharing"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DigestSent")],
        ),
    ]
