"""The clinician links' queued work, run by `manage.py db_worker`: every night, delete
the links that have expired and the tries the rate limits no longer count.

Each run queues the next night's before it starts, as the weather's nightly fetch does;
`manage.py delete_expired_links --queue` (which `make run` does) starts the chain."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from clinician.links import delete_spent
from lib.nightly import queue_nightly

log = logging.getLogger(__name__)

NIGHTLY_AT = dt.time(2, 30, tzinfo=dt.UTC)


@task()
def delete_expired() -> None:
    queue(after=timezone.now())
    links, tries = delete_spent()
    log.info("Deleted %d expired clinician links and %d old tries.", links, tries)


def queue(*, after: dt.datetime) -> bool:
    return queue_nightly(delete_expired, at=NIGHTLY_AT, after=after)
