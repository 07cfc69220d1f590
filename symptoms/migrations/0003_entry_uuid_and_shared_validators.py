# Existing entries get one distinct uuid each: a callable default in AddField is called
# once, which would give every row the same value.

import datetime
import django.core.validators
import django.utils.timezone
import lib.limits
import uuid
from django.conf import settings
from django.db import migrations, models


def give_each_entry_its_own_uuid(apps, schema_editor):
    Entry = apps.get_model("symptoms", "Entry")
    entries = list(Entry.objects.filter(uuid__isnull=True).only("pk"))
    for entry in entries:
        entry.uuid = uuid.uuid4()
    Entry.objects.bulk_update(entries, ["uuid"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('symptoms', '0002_entry_logged_by_former_caregiver'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            lib.limits.refuse_rows_outside_limits(
                "symptoms",
                "Entry",
                models.Q(occurred_at__lt=datetime.datetime(1899, 12, 31, tzinfo=datetime.timezone.utc)),
                "a time before 1900",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AddField(
            model_name='entry',
            name='uuid',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_entry_its_own_uuid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='entry',
            name='uuid',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='entry',
            name='before_when',
            field=models.CharField(blank=True, max_length=200, validators=[lib.limits.validate_no_control_characters], verbose_name='when before'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='interference_example',
            field=models.TextField(blank=True, max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000), lib.limits.validate_no_control_characters], verbose_name='a concrete example'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='notes',
            field=models.TextField(blank=True, max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000), lib.limits.validate_no_control_characters]),
        ),
        migrations.AlterField(
            model_name='entry',
            name='occurred_at',
            field=models.DateTimeField(default=django.utils.timezone.now, validators=[lib.limits.validate_not_before_earliest], verbose_name='when'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(('occurred_at__gte', datetime.datetime(1899, 12, 31, 0, 0, tzinfo=datetime.timezone.utc))), name='entry_not_before_earliest_date'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.UniqueConstraint(fields=('patient', 'uuid'), name='entry_uuid_unique'),
        ),
    ]
