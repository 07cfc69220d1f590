"""A place set, moved or stopped changes what the patient's pages show (the weather beside
the check-in, the temperatures of their days): it renews their journal stamp, as every
journal table does (accounts/stamps.py). The weather's own days are shared by a cell and
written by upserts, which PostgreSQL's rules refuse; weather/fetching.py renews the
stamps of the cell's people when it stores them."""

from django.db import migrations

from accounts.stamps import restamped


class Migration(migrations.Migration):
    dependencies = [("weather", "0001_initial"), ("accounts", "__first__")]

    operations = [restamped("weather_place", ["{row}.patient_id"])]
