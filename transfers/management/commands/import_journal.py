from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.commands import add_patient_argument, patient_or_error
from transfers.importing import ImportRejected, import_journal


def read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path} is not UTF-8 text: save it as CSV (UTF-8)") from exc


class Command(BaseCommand):
    help = "Import entries and/or daily check-ins from CSV files (see docs/import-format.md)."

    def add_arguments(self, parser):
        add_patient_argument(parser)
        parser.add_argument("--entries", help="entries CSV file")
        parser.add_argument("--days", help="days (check-ins) CSV file")
        parser.add_argument("--treatments", help="treatments CSV file (one row per dose period)")
        parser.add_argument("--doses", help="doses taken CSV file")
        parser.add_argument("--side-effects", help="side effects CSV file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, user: str, dry_run: bool, **options):
        names = ("entries", "days", "treatments", "doses", "side_effects")
        if not any(options[name] for name in names):
            raise CommandError(
                "Give one or more of --entries, --days, --treatments, --doses, --side-effects"
            )
        patient = patient_or_error(user)
        files = {
            f"{name}_csv": read_text(options[name]) if options[name] else None for name in names
        }
        try:
            summary = import_journal(patient=patient, dry_run=dry_run, **files)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(rejected.problems)} problem(s): nothing was imported"
            ) from None
        for line in summary.lines():
            self.stdout.write(line)
