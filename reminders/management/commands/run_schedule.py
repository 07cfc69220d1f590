"""Runs forever: the reminders' pass at the start of every minute, and the weekly digest
every hour for those whose morning it is. `make run` starts it beside the web server; in
production a systemd service keeps it running (or a timer runs `send_due_reminders`
each minute and cron `send_weekly_digests` each day instead)."""

import datetime as dt
import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from reminders.schedule import send_due_reminders
from weekly.digest import send_weekly_digests

log = logging.getLogger(__name__)
MINUTE = dt.timedelta(minutes=1)


def next_minute(now: dt.datetime) -> dt.datetime:
    return now.replace(second=0, microsecond=0) + MINUTE


class Command(BaseCommand):
    help = (
        "Send reminders at the start of every minute and the weekly digest each morning,"
        " until stopped (Ctrl-C)."
    )

    sleeping = False
    stopping = False

    def handle(self, *args, **options):
        self.stdout.write("Reminders and weekly digests are on their way; Ctrl-C stops them.")
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, self._stop)
        digested_hour = None
        try:
            while not self.stopping:
                self._sleep_until(next_minute(timezone.now()))
                now = timezone.now()
                # A database restarted overnight costs one pass, not the runner.
                close_old_connections()
                self._pass(now)
                if self.stopping:
                    break
                hour = now.replace(minute=0, second=0, microsecond=0)
                if hour != digested_hour:
                    digested_hour = hour
                    self._digests(now)
        except KeyboardInterrupt:
            pass  # asleep between passes: nothing was under way
        self.stdout.write("Stopped.")

    def _stop(self, signum, frame) -> None:
        # Asleep, stop at once; in a pass, let it finish first, so that no reminder it
        # claimed is left unsent.
        if self.sleeping:
            raise KeyboardInterrupt
        self.stopping = True

    def _sleep_until(self, moment: dt.datetime) -> None:
        self.sleeping = True
        try:
            # time.sleep may wake a little early: sleep again until the minute has begun.
            while (left := (moment - timezone.now()).total_seconds()) > 0:
                time.sleep(left)
        finally:
            self.sleeping = False

    def _pass(self, now: dt.datetime) -> None:
        try:
            result = send_due_reminders(now)
        except Exception:  # the database is away: the next minute tries again
            log.exception("The reminders' pass at %s failed", now)
            return
        if result.sent or result.skipped or result.failed:
            self.stdout.write(f"{now:%H:%M} reminders: {result}")

    def _digests(self, now: dt.datetime) -> None:
        try:
            run = send_weekly_digests(at_hour=settings.WEEKLY_DIGEST_HOUR, now=now)
        except Exception:
            log.exception("The weekly digests at %s failed", now)
            return
        if sent := sum(run.results):
            self.stdout.write(f"{now:%H:%M} {sent} weekly digest{'s' if sent != 1 else ''} sent.")
