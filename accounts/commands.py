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
