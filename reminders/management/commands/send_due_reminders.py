import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from reminders.schedule import send_due_reminders


def moment(value: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(value)
    if when.tzinfo is None:
        raise ValueError("give the moment with its offset, like 2025-06-02T08:00+01:00")
    return when


class Command(BaseCommand):
    help = (
        "Send every reminder due now, once each: one pass, for cron or a systemd timer to run"
        " at the start of every minute (`run_schedule` does the same in a loop)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            type=moment,
            help="Run the pass as if at this moment (ISO 8601 with its offset).",
        )

    def handle(self, *args, now=None, **options):
        result = send_due_reminders(now)
        self.stdout.write(f"Reminders: {result}")
        if result.failed:
            # Everyone else was served; a non-zero exit makes cron tell whoever runs it.
            raise CommandError(f"{result.failed} could not be sent (the log says why).")
