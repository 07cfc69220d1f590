import datetime as dt
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from symptoms.demo import demo_days, demo_entries
from symptoms.models import Entry
from triggers.demo import demo_check_ins, demo_own_trigger
from triggers.models import CheckIn

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-journal"


class Command(BaseCommand):
    help = (
        "Create the demo patient with about four months of entries, if the database has no users."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=120)
        parser.add_argument(
            "--force", action="store_true", help="Add the demo patient even if other users exist."
        )

    def handle(self, *args, days: int, force: bool, **options):
        if User.objects.filter(email=DEMO_EMAIL).exists():
            self.stdout.write(f"Demo patient already there: {DEMO_EMAIL}")
            return
        if User.objects.exists() and not force:
            self.stdout.write("The database already has users; no demo patient added.")
            return
        with transaction.atomic():
            patient = User.objects.create_user(
                DEMO_EMAIL, DEMO_PASSWORD, display_name="Alex", time_zone="Europe/London"
            )
            rng = random.Random(3)
            story = demo_days(dt.datetime.now(tz=patient.zone).date(), days, rng)
            entries = Entry.objects.bulk_create(demo_entries(patient, story, rng))
            check_ins = CheckIn.objects.bulk_create(demo_check_ins(patient, story, rng))
            demo_own_trigger(patient, check_ins, rng)
        self.stdout.write(
            f"Demo patient {DEMO_EMAIL} (password {DEMO_PASSWORD}) with {len(entries)} entries "
            f"and {len(check_ins)} daily check-ins."
        )
