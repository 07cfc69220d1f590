from django.core.management.base import BaseCommand

from weekly.digest import digest_pairs, send_digest


class Command(BaseCommand):
    help = (
        "E-mail last week's summary to everyone who asked for it (run it from cron, e.g. Mondays)."
    )

    def handle(self, *args, **options):
        sent = sum(send_digest(recipient, patient) for recipient, patient in digest_pairs())
        self.stdout.write(f"{sent} weekly digest{'s' if sent != 1 else ''} sent.")
