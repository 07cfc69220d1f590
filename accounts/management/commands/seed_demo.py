from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from symptoms.demo import demo_entries
from symptoms.models import Entry

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
            entries = Entry.objects.bulk_create(demo_entries(patient, days=days))
        self.stdout.write(
            f"Demo patient {DEMO_EMAIL} (password {DEMO_PASSWORD}) with {len(entries)} entries."
        )
