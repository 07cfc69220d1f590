from django.core.management.base import BaseCommand
from django.utils import timezone

from clinician.links import delete_spent
from clinician.tasks import queue


class Command(BaseCommand):
    help = (
        "Delete the clinician links that have expired, and the tries the rate limits no"
        " longer count. --queue instead queues this for every night on the worker"
        " (db_worker), unless it is queued already."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="queue the nightly deletion unless it is queued"
        )

    def handle(self, *args, **options):
        if options["queue"]:
            queued = queue(after=timezone.now())
            self.stdout.write("The nightly deletion is queued." if queued else "Already queued.")
            return
        links, tries = delete_spent()
        self.stdout.write(f"Deleted {links} expired clinician link(s) and {tries} old tries.")
