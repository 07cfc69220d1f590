from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.commands import iso_date, patient_or_error
from transfers.files import write_csv_files, write_fhir_bundle
from visits.data import default_range, visit_summary
from visits.pdf import summary_pdf


class Command(BaseCommand):
    help = "Write one patient's visit summary (PDF) or whole journal (CSV pair, FHIR bundle)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the patient's e-mail address")
        parser.add_argument("--from", dest="first", type=iso_date, help="first date (summary only)")
        parser.add_argument("--to", dest="last", type=iso_date, help="last date (summary only)")
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
        if last < first:
            raise CommandError("--to is before --from")
        target.write_bytes(summary_pdf(visit_summary(patient, first, last)))
        self.stdout.write(f"Wrote {target} ({first} to {last})")
