# Shared validators (symptoms/limits.py) on check-ins and own triggers.

import datetime
import django.core.validators
import lib.limits
import triggers.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('triggers', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            lib.limits.refuse_rows_outside_limits(
                "triggers",
                "CheckIn",
                models.Q(date__lt=datetime.date(1900, 1, 1)) | models.Q(steps__gt=200000),
                "a date before 1900 or over 200,000 steps",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            model_name='checkin',
            name='date',
            field=models.DateField(validators=[lib.limits.validate_not_before_earliest]),
        ),
        migrations.AlterField(
            model_name='checkin',
            name='sleep_hours',
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=3, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(24)]),
        ),
        migrations.AlterField(
            model_name='checkin',
            name='steps',
            field=models.PositiveIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(200000)]),
        ),
        migrations.AlterField(
            model_name='owntrigger',
            name='name',
            field=models.CharField(max_length=40, validators=[lib.limits.validate_no_control_characters, triggers.models.validate_trigger_name]),
        ),
        migrations.AddConstraint(
            model_name='checkin',
            constraint=models.CheckConstraint(condition=models.Q(('steps__isnull', True), ('steps__lte', 200000), _connector='OR'), name='check_in_steps_plausible'),
        ),
        migrations.AddConstraint(
            model_name='checkin',
            constraint=models.CheckConstraint(condition=models.Q(('date__gte', datetime.date(1900, 1, 1))), name='check_in_not_before_earliest_date'),
        ),
    ]
