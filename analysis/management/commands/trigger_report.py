import json

from django.core.management.base import BaseCommand

from accounts.commands import (
    add_patient_argument,
    add_range_arguments,
    patient_or_error,
    refuse_backwards_range,
)
from analysis.days import journal_days
from analysis.report import trigger_report
from analysis.wording import describe, trigger_label


class Command(BaseCommand):
    help = "Which triggers go with worse days for one patient (association, not cause)."

    def add_arguments(self, parser):
        add_patient_argument(parser)
        add_range_arguments(parser)
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print JSON instead of sentences"
        )

    def handle(self, *args, user: str, first, last, as_json: bool, **options):
        patient = patient_or_error(user)
        refuse_backwards_range(first, last)
        report = trigger_report(journal_days(patient, first, last))
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), indent=1))
            return
        self.stdout.write(f"{report.first} to {report.last}: {report.days_recorded} days recorded")
        for result in report.results:
            if result.enough_data or result.reason == "cannot_separate":
                mark = "*" if result.stands_out else " "
                self.stdout.write(f"{mark} {trigger_label(result.trigger)}: {describe(result)}")
        self.stdout.write(
            "* stands out after allowing for the other triggers and the number of "
            "comparisons. These are associations, not causes."
        )
