import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.commands import iso_date, patient_or_error
from transfers.exporting import days_csv, entries_csv
from transfers.fhir import journal_bundle
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
            target.mkdir(parents=True, exist_ok=True)
            (target / "entries.csv").write_text(entries_csv(patient), encoding="utf-8")
            (target / "days.csv").write_text(days_csv(patient), encoding="utf-8")
            self.stdout.write(f"Wrote {target / 'entries.csv'} and {target / 'days.csv'}")
            return
        if format == "fhir":
            target.write_text(json.dumps(journal_bundle(patient), indent=1), encoding="utf-8")
            self.stdout.write(f"Wrote {target}")
            return
        default_first, default_last = default_range(patient)
        first, last = first or default_first, last or default_last
        if last < first:
            raise CommandError("--to is before --from")
        target.write_bytes(summary_pdf(visit_summary(patient, first, last)))
        self.stdout.write(f"Wrote {target} ({first} to {last})")
