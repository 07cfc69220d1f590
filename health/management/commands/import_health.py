"""Bring a health app's export into one patient's journal from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.commands import add_patient_argument, patient_or_error
from health.formats import ExportProblem, read_export
from health.models import Source
from health.services import days_of, health_days_fill
from health.tasks import said


class Command(BaseCommand):
    help = (
        "Fill a patient's sleep and steps from a health app's export (Apple Health's "
        "export.zip, Health Connect's export, or the Fitbit or Garmin data export), the "
        "format told from the file. Nothing is stored unless the whole file is read."
    )

    def add_arguments(self, parser):
        add_patient_argument(parser)
        parser.add_argument("file", type=Path, help="The export's .zip file.")

    def handle(self, *args, user, file, **options):
        patient = patient_or_error(user)
        path = file
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            read = read_export(path, patient.zone)
        except ExportProblem as problem:
            raise CommandError(str(problem)) from problem
        brought = health_days_fill(patient=patient, days=days_of(read, patient.today()))
        self.stdout.write(said(brought, Source(read.source).label))
