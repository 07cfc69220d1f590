"""The checks every file of an import shares: a row against its model's own rules, the
required cells and ids from an export."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator

from lib.limits import choose_a_number
from transfers.reading import BadCell, Problem, Table, convert

# Per-row checks are the model's own field and clean() rules; the uniqueness rules are
# checked for the whole file at once instead of one query per row.
ROW_CHECKS = {"validate_unique": False, "validate_constraints": False}


def model_problems(exc: ValidationError, instance, name, number, column_for, problems, skip=()):
    """Add the model's own complaints, in plain words, except about columns already reported."""
    for field_name, errors in exc.error_dict.items():
        column = column_for.get(field_name, field_name)
        if column in skip:
            continue
        for error in errors:
            message = plain_message(instance, field_name, error)
            problems.append(Problem(name, number, column if column != "__all__" else "", message))


def plain_message(instance, field_name: str, error: ValidationError) -> str:
    """Django's own wording for a range, a list of codes or a length, as the forms say it."""
    params = error.params or {}
    if error.code in ("min_value", "max_value"):
        low, high = number_range(instance._meta.get_field(field_name))
        return choose_a_number(low, high) if high is not None else f"Enter {low} or more."
    if error.code == "invalid_choice":
        codes = ", ".join(str(code) for code, _ in instance._meta.get_field(field_name).flatchoices)
        return f"{params['value']!r} is not one of the codes this column takes: {codes}"
    if error.code == "max_length":
        return f"at most {params['limit_value']} characters; this has {params['show_value']}"
    if error.code in ("null", "blank"):
        return "this cell is required"
    return error.messages[0]


def number_range(field) -> tuple:
    """The lowest and highest number a model field takes, by its validators."""
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    return max(lows, default=0), min(highs, default=None)


def check_row(
    instance, exclude: list[str], name, number, column_for, problems, reported=()
) -> bool:
    """Whether the instance passes its model's rules; if not, the problems are added."""
    before = len(problems)
    try:
        instance.full_clean(exclude=exclude, **ROW_CHECKS)
    except ValidationError as exc:
        model_problems(exc, instance, name, number, column_for, problems, skip=reported)
    return len(problems) == before


def required_cells(row: dict, required: list[str], name: str, number: int, problems) -> None:
    for column in required:
        if not row.get(column):
            problems.append(Problem(name, number, column, "this cell is required"))


def rows_read(table: Table, converters: dict, required: list[str], name: str, problems):
    """A file's rows in turn: each one's number, its cells read by `converters`, and how
    many problems there were before it, so that its reader can tell whether the row has
    any. A cell that cannot be read, or a required one left empty, is one already."""
    for number, cells in table.rows:
        before = len(problems)
        values = convert(cells, converters, name, number, problems)
        required_cells(cells, required, name, number, problems)
        yield number, values, before


def to_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise BadCell(f"{value!r} is not an id from an export") from None
