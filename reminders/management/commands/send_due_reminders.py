from django.core.management.base import BaseCommand, CommandError

from reminders.schedule import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send every reminder due now, once each: one pass, for cron or a systemd timer to run"
        " at the start of every minute (`run_schedule` does the same in a loop)."
    )

    def handle(self, *args, **options):
        result = send_due_reminders()
        self.stdout.write(f"Reminders: {result}")
        if result.failed:
            # Everyone else was served; a non-zero exit makes cron tell whoever runs it.
            raise CommandError(f"{result.failed} could not be sent (the log says why).")
