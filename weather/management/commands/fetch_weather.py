from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.commands import patient_or_error
from weather import fetching
from weather.models import Place
from weather.tasks import queue_nightly


class Command(BaseCommand):
    help = (
        "Fetch the weather now: one person's places whole (--user), or the nightly fetch for"
        " everyone. --queue instead queues the nightly fetch for the worker (db_worker), which"
        " then queues each next night's itself."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--user", help="the patient's e-mail address")
        group.add_argument(
            "--queue", action="store_true", help="queue the nightly fetch unless it is queued"
        )

    def handle(self, *args, user=None, queue=False, **options):
        if queue:
            queued = queue_nightly(after=timezone.now())
            said = "The nightly weather fetch is queued." if queued else "Already queued."
            self.stdout.write(said)
            return
        if user is None:
            run = fetching.fetch_recent()
            self.stdout.write(f"Weather: {run}.")
            problems = run.problems
        else:
            places = list(Place.objects.for_patient(patient_or_error(user)))
            if not places:
                raise CommandError(f"{user} has set no place for the weather.")
            problems = [p for p in map(fetching.backfill_place, places) if p]
            self.stdout.write(f"Weather: {len(places)} place(s) fetched, {len(problems)} failed.")
        if problems:
            # A non-zero exit makes cron tell whoever runs it; the log names the cells.
            raise CommandError(f"The weather service failed: {problems[0]}")
