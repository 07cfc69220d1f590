"""Argument helpers shared by the management commands that work on one patient."""

import datetime as dt

from django.core.management.base import CommandError

from accounts.models import User


def iso_date(value: str) -> dt.date:
    """argparse type for --from/--to: a clear error instead of a traceback."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date like 2026-03-14") from exc


def patient_or_error(email: str) -> User:
    patient = User.objects.filter(email__iexact=email).first()
    if patient is None:
        raise CommandError(f"No account with the e-mail address {email}")
    return patient


def add_patient_argument(parser) -> None:
    parser.add_argument("--user", required=True, help="the patient's e-mail address")


def add_range_arguments(parser, note: str = "YYYY-MM-DD") -> None:
    """--from and --to, each an optional day; `note` says what they apply to."""
    parser.add_argument("--from", dest="first", type=iso_date, help=f"first date ({note})")
    parser.add_argument("--to", dest="last", type=iso_date, help=f"last date ({note})")


def refuse_backwards_range(first: dt.date | None, last: dt.date | None) -> None:
    if first and last and last < first:
        raise CommandError("--to is before --from")
