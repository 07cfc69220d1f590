"""The checks every file of an import shares: a row against its model's own rules, the
required cells, ids from an export and who logged a row."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError

from sharing.models import CareAccess
from transfers.csv_format import LOGGED_BY_FORMER, LOGGED_BY_PATIENT
from transfers.reading import BadCell, Problem

# Per-row checks are the model's own field and clean() rules; the uniqueness rules are
# checked for the whole file at once instead of one query per row.
ROW_CHECKS = {"validate_unique": False, "validate_constraints": False}


def model_problems(exc: ValidationError, name, number, column_for, problems, skip=()) -> None:
    """Add the model's own complaints, except about columns already reported."""
    for field_name, messages in exc.message_dict.items():
        column = column_for.get(field_name, field_name)
        if column in skip:
            continue
        for message in messages:
            problems.append(Problem(name, number, column if column != "__all__" else "", message))


def check_row(
    instance, exclude: list[str], name, number, column_for, problems, reported=()
) -> bool:
    """Whether the instance passes its model's rules; if not, the problems are added."""
    before = len(problems)
    try:
        instance.full_clean(exclude=exclude, **ROW_CHECKS)
    except ValidationError as exc:
        model_problems(exc, name, number, column_for, problems, skip=reported)
    return len(problems) == before


def required_cells(row: dict, required: list[str], name: str, number: int, problems) -> None:
    for column in required:
        if not row.get(column):
            problems.append(Problem(name, number, column, "this cell is required"))


def to_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadCell(f"{value!r} is not an id from an export") from None


def logger_reader(patient):
    """logged_by cells to users: the patient, a current caregiver, or nobody known."""
    caregivers = {
        access.caregiver.email.lower(): access.caregiver
        for access in CareAccess.objects.active()
        .filter(patient=patient)
        .select_related("caregiver")
    }

    def logger(value: str):
        word = value.lower()
        if word == LOGGED_BY_PATIENT:
            return patient
        if word == LOGGED_BY_FORMER:
            return None
        if "@" in word:
            # Someone who does not care for the patient now is a former caregiver.
            return caregivers.get(word)
        raise BadCell(f'write "{LOGGED_BY_PATIENT}", "{LOGGED_BY_FORMER}" or an e-mail address')

    return logger
