from pathlib import Path

from django.core.management.base import BaseCommand

from upkeep.backup import backup


class Command(BaseCommand):
    help = (
        "Copy the whole database into FILE while the app keeps running: a SQLite database "
        "file on SQLite, a pg_dump custom-format archive on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, metavar="FILE")

    def handle(self, *args, out: Path, **options):
        backup(out)
        self.stdout.write(f"Backed up to {out} ({out.stat().st_size:,} bytes).")
