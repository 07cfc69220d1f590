"""The import of an export, queued for `manage.py db_worker`: a gigabyte export takes
minutes to read, longer than a page may keep a phone waiting."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django_tasks import task

from health.formats import ExportProblem, read_export
from health.models import HealthImport, Source
from health.services import Brought, days_of, health_days_fill

log = logging.getLogger(__name__)

# The page's progress bar is fed at most this often: one small UPDATE each time.
PROGRESS_EVERY_SECONDS = 0.5
FAILED = (
    "Something went wrong reading this file, and nothing was stored. Try again; if it "
    "happens again, the export may be damaged: export it anew."
)


@task()
def import_export(import_id: int, path: str) -> None:
    job = HealthImport.objects.filter(pk=import_id).select_related("patient").first()
    if job is None or not job.running:  # the patient's account went before its turn came
        Path(path).unlink(missing_ok=True)
        return
    run_import(job)


def run_import(job: HealthImport) -> Brought | None:
    """Read the job's file and store its days, or say what is wrong; the file is
    deleted either way. Nothing is stored unless the whole file was read."""
    path = Path(job.stored)
    job.begin()
    try:
        read = read_export(path, job.patient.zone, _progress(job))
        brought = health_days_fill(patient=job.patient, days=days_of(read, job.patient.today()))
    except ExportProblem as problem:
        job.fail(str(problem))
        return None
    except Exception:
        log.exception("Health import %s failed", job.pk)
        job.fail(FAILED)
        return None
    finally:
        path.unlink(missing_ok=True)
    job.finish(source=read.source, message=said(brought, Source(read.source).label))
    return brought


def _progress(job: HealthImport):
    last = [0.0]

    def told(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_SECONDS:
            last[0] = now
            job.advance(done, total)

    return told


def said(brought: Brought, source: str) -> str:
    """What came in, in a sentence: "From Apple Health: sleep for 812 nights and steps
    for 790 days, 2 Jan 2023 to 5 Dec 2026." """
    if not (brought.nights or brought.step_days):
        return f"This {source} export holds no whole day of sleep or steps to bring in."
    parts = []
    if brought.nights:
        parts.append(f"sleep for {brought.nights:,} night{'s' * (brought.nights != 1)}")
    if brought.step_days:
        parts.append(f"steps for {brought.step_days:,} day{'s' * (brought.step_days != 1)}")
    span = f"{brought.first:%-d %b %Y} to {brought.last:%-d %b %Y}"
    text = f"From {source}: {' and '.join(parts)}, {span}."
    if brought.unchanged:
        return text + " All of it was already in: nothing changed."
    return text
