from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.commands import add_patient_argument, iso_date, patient_or_error
from weather.services import place_set, places_stop


class Command(BaseCommand):
    help = (
        "Set where a patient lives, for the weather (kept only as a cell of about 10 km), or"
        " stop it with --off (--delete also removes every place, so nothing filled remains)."
    )

    def add_arguments(self, parser):
        add_patient_argument(parser)
        parser.add_argument("--latitude", help="degrees north, -90 to 90")
        parser.add_argument("--longitude", help="degrees east, -180 to 180")
        parser.add_argument("--name", default="", help='what to call it, like "Leeds"')
        parser.add_argument(
            "--since", type=iso_date, help="the day the patient moved there (YYYY-MM-DD)"
        )
        parser.add_argument("--off", action="store_true", help="no more weather")
        parser.add_argument("--delete", action="store_true", help="with --off: forget every place")

    def handle(self, *args, user, latitude, longitude, name, since, off, delete, **options):
        patient = patient_or_error(user)
        if off:
            places_stop(patient=patient, keep=not delete)
            said = "Places deleted." if delete else "The weather is off; past days stay."
            self.stdout.write(said)
            return
        if delete:
            raise CommandError("--delete goes with --off")
        if latitude is None or longitude is None:
            raise CommandError("Give --latitude and --longitude (or --off)")
        try:
            place = place_set(
                patient=patient, latitude=latitude, longitude=longitude, name=name, since=since
            )
        except ValidationError as exc:
            raise CommandError(" ".join(_messages(exc))) from None
        starts = f"from {place.since}" if place.since else "from the journal's first day"
        self.stdout.write(f"{user} lives at {place.latitude}, {place.longitude} {starts}.")


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {m}" for field, ms in exc.message_dict.items() for m in ms]
    return exc.messages
