"""Queued work that runs once a night and keeps itself going: each run queues the next.

Queued in the database (django-tasks), so a worker that was down catches up when it is
back, and a chain is started once (a management command's `--queue`, which `make run`
calls) however often that is done."""

from __future__ import annotations

import datetime as dt

from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


def next_night(after: dt.datetime, at: dt.time) -> dt.datetime:
    """The first moment after `after` at the time of day `at` (which carries its zone)."""
    moment = dt.datetime.combine(after.astimezone(at.tzinfo).date(), at)
    return moment if moment > after else moment + dt.timedelta(days=1)


def queue_nightly(task: Task, *, at: dt.time, after: dt.datetime) -> bool:
    """Queue `task` for the next night after `after`, unless a run is waiting already (a
    worker restarted, or the command run twice, makes no second chain)."""
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=task.module_path
    ).exists()
    if waiting:
        return False
    task.using(run_after=next_night(after, at)).enqueue()
    return True
