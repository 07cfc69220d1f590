"""The queue, for real: the database backend and `manage.py db_worker`."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from triggers.models import CheckIn
from weather import tasks
from weather.models import Place
from weather.reading import filled_weather
from weather.services import place_set

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_setting_a_place_queues_its_backfill_which_the_worker_runs(provider, patient):
    today = patient.today()
    CheckIn.objects.create(patient=patient, date=today - dt.timedelta(days=40))

    place_set(patient=patient, latitude=53.8, longitude=-1.5, name="Leeds")

    assert filled_weather(patient, None, None) == {}
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "weather.tasks.backfill_place"
    run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    filled = filled_weather(patient, today - dt.timedelta(days=40), today)
    assert len(filled) == 41
    assert Place.objects.get().fetched_at is not None


def test_a_place_taken_back_before_the_worker_came_is_not_fetched(provider, patient):
    place_set(patient=patient, latitude=53.8, longitude=-1.5)
    Place.objects.all().delete()

    run_worker()

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert provider.requests == []


def test_the_nightly_fetch_is_queued_once_and_each_run_queues_the_next_night(provider, patient):
    place_set(patient=patient, latitude=53.8, longitude=-1.5, since=patient.today())
    now = timezone.now()

    assert tasks.queue_nightly(after=now) is True
    assert tasks.queue_nightly(after=now) is False  # a second start makes no second chain
    nightly = DBTaskResult.objects.get(task_path="weather.tasks.fetch_recent")
    assert now < nightly.run_after <= now + dt.timedelta(days=1)
    assert nightly.run_after.astimezone(dt.UTC).time() == dt.time(3, 0)

    DBTaskResult.objects.filter(pk=nightly.pk).update(run_after=now)  # the night has come
    run_worker()

    nightly.refresh_from_db()
    assert nightly.status == "SUCCESSFUL"
    assert provider.asked("forecast")
    [following] = DBTaskResult.objects.filter(
        task_path="weather.tasks.fetch_recent", status="READY"
    )
    assert now < following.run_after <= now + dt.timedelta(days=1)
    assert following.run_after.astimezone(dt.UTC).time() == dt.time(3, 0)
