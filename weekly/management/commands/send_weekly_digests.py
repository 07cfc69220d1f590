from django.core.management.base import BaseCommand, CommandError

from lib.batch import for_each_person
from weekly.digest import digest_pairs, send_digest


class Command(BaseCommand):
    help = (
        "E-mail last week's summary to everyone who asked for it, once each (run it daily from"
        " cron: a digest that failed is tried again on each run until the next week ends)."
    )

    def handle(self, *args, **options):
        run = for_each_person(
            digest_pairs(),
            lambda pair: send_digest(*pair),
            job="The weekly digest",
            who=lambda pair: f"recipient {pair[0].pk} (journal of {pair[1].pk})",
        )
        sent = sum(run.results)
        self.stdout.write(f"{sent} weekly digest{'s' if sent != 1 else ''} sent.")
        if run.failed:
            # Everyone else was served; a non-zero exit makes cron tell whoever runs it.
            raise CommandError(
                f"{run.failed} could not be sent (the log says why); they are tried again "
                "on the next run this week."
            )
