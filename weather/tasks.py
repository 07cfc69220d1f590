"""The weather's queued work, run by `manage.py db_worker`.

`backfill_place` is queued when a patient sets a place. `fetch_recent` is the nightly
fetch: each run queues the next one for the following night before it starts, so once
queued (`manage.py fetch_weather --queue`, which `make run` does) it keeps itself going
for as long as a worker runs, and a worker that was away catches up when it is back.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from lib import nightly
from weather import fetching
from weather.models import Place

log = logging.getLogger(__name__)

# In UTC: early morning in Europe and Africa, afternoon at the date line, evening in the
# Americas; each cell's forecast asked then still covers its own today and tomorrow.
NIGHTLY_AT = dt.time(3, 0, tzinfo=dt.UTC)


@task()
def backfill_place(place_id: int) -> None:
    place = Place.objects.filter(pk=place_id).first()
    if place is None:  # the patient took it back before the worker came to it
        return
    fetching.backfill_place(place)


@task()
def fetch_recent() -> None:
    queue_nightly(after=timezone.now())
    fetching.fetch_recent()


def queue_nightly(*, after: dt.datetime) -> bool:
    """Queue the nightly fetch for the next night after `after`, once (lib/nightly.py)."""
    return nightly.queue_nightly(fetch_recent, at=NIGHTLY_AT, after=after)
