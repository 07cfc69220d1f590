from pathlib import Path

from django.core.management.base import BaseCommand

from accounts.commands import (
    add_patient_argument,
    add_range_arguments,
    patient_or_error,
    refuse_backwards_range,
)
from transfers.files import write_csv_files, write_fhir_bundle
from visits.data import default_range, visit_summary
from visits.pdf import summary_pdf


class Command(BaseCommand):
    help = "Write one patient's visit summary (PDF) or whole journal (CSV pair, FHIR bundle)."

    def add_arguments(self, parser):
        add_patient_argument(parser)
        add_range_arguments(parser, "summary only")
        parser.add_argument("--format", required=True, choices=["pdf", "csv", "fhir"])
        parser.add_argument("--out", required=True, help="a file (pdf, fhir) or a folder (csv)")

    def handle(self, *args, user: str, first, last, format: str, out: str, **options):
        patient = patient_or_error(user)
        target = Path(out)
        if format == "csv":
            written = write_csv_files(patient, target)
            self.stdout.write(f"Wrote {', '.join(map(str, written))}")
            return
        if format == "fhir":
            write_fhir_bundle(patient, target)
            self.stdout.write(f"Wrote {target}")
            return
        default_first, default_last = default_range(patient)
        first, last = first or default_first, last or default_last
        refuse_backwards_range(first, last)
        target.write_bytes(summary_pdf(visit_summary(patient, first, last)))
        self.stdout.write(f"Wrote {target} ({first} to {last})")
