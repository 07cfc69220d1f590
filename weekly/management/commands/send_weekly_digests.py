from django.core.management.base import BaseCommand, CommandError

from weekly.digest import send_weekly_digests


class Command(BaseCommand):
    help = (
        "E-mail last week's summary to everyone who asked for it, once each (`run_schedule`"
        " does it every morning; run by hand or from cron, it serves everyone now: a digest"
        " that failed is tried again on each run until the next week ends)."
    )

    def handle(self, *args, **options):
        run = send_weekly_digests()
        sent = sum(run.results)
        self.stdout.write(f"{sent} weekly digest{'s' if sent != 1 else ''} sent.")
        if run.failed:
            # Everyone else was served; a non-zero exit makes cron tell whoever runs it.
            raise CommandError(
                f"{run.failed} could not be sent (the log says why); they are tried again "
                "on the next run this week."
            )
