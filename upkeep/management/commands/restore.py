from pathlib import Path

from django.core.management.base import BaseCommand

from upkeep.backup import restore


class Command(BaseCommand):
    help = (
        "Load a backup made by `backup` into this database. It must be empty (no tables): "
        "--replace overwrites what it holds instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds tables with the backup",
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        restore(file, replace=replace)
        self.stdout.write(f"Restored {file}.")
