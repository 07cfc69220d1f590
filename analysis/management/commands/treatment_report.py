import json

from django.core.management.base import BaseCommand

from accounts.commands import add_patient_argument, patient_or_error
from analysis.days import journal_for_treatments
from analysis.stats.treatment_effects import treatment_effects
from analysis.treatment_wording import describe_change


class Command(BaseCommand):
    help = (
        "Each treatment change compared before and after for one patient (association, not cause)."
    )

    def add_arguments(self, parser):
        add_patient_argument(parser)
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print JSON instead of sentences"
        )

    def handle(self, *args, user: str, as_json: bool, **options):
        journal = journal_for_treatments(patient_or_error(user))
        reports = treatment_effects(journal.days, journal.periods)
        if as_json:
            self.stdout.write(json.dumps({"changes": [r.as_dict() for r in reports]}, indent=1))
            return
        if not reports:
            self.stdout.write("No treatments recorded.")
        for report in reports:
            for result in report.results:
                mark = "*" if result.stands_out else " "
                self.stdout.write(f"{mark} {describe_change(report, result)}")
        self.stdout.write(
            "* stands out after allowing for the triggers, other treatments and the number "
            "of comparisons. These are associations, not causes."
        )
