"""Treatments in CSV: treatments.csv (one row per period of a treatment), doses.csv and
side_effects.csv, written by the export and read back by the import (docs/import-format.md).

A treatment is known in the other two files by its name, as the patient knows it; the
treatments file or the journal must have it. The three files are read together (the
doses and side effects look their treatment up in what the treatments file brought), so
they share one module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from transfers.checking import check_row, rows_read, to_uuid
from transfers.csv_format import cell, header, row
from transfers.logged_by import logged_by_cell, logger_reader
from transfers.reading import (
    BadCell,
    Problem,
    as_written,
    read_table,
    to_date,
    to_datetime,
    to_line,
)
from transfers.streaming import CHUNK
from treatments.models import DoseLog, SideEffect, Treatment, TreatmentPeriod

TREATMENT_COLUMNS = [
    "name",
    "kind",
    "dose",
    "unit",
    "schedule",
    "times_a_day",
    "started",
    "stopped",
    "stop_reason",
    "notes",
]
TREATMENT_REQUIRED = ["name", "kind", "schedule", "started"]
DOSE_COLUMNS = ["id", "treatment", "taken_at", "reason", "logged_by"]
DOSE_REQUIRED = ["treatment", "taken_at"]
SIDE_EFFECT_COLUMNS = ["treatment", "date", "what", "severity"]
SIDE_EFFECT_REQUIRED = ["treatment", "date", "severity"]
TREATMENT_NUMBER_COLUMNS = ["dose", "times_a_day"]

TREATMENTS_FILE, DOSES_FILE, SIDE_EFFECTS_FILE = (
    "treatments file",
    "doses file",
    "side effects file",
)


def _csv_row(columns: list[str], values: list, numbers=()) -> list[str]:
    return row({c: cell(v, c) for c, v in zip(columns, values, strict=True)}, numbers)


def treatment_rows(patient) -> Iterator[list[str]]:
    yield header(TREATMENT_COLUMNS)
    periods = TreatmentPeriod.objects.for_patient(patient).select_related("treatment")
    for period in periods.order_by("treatment__name", "started").iterator(chunk_size=CHUNK):
        t = period.treatment
        values = [t.name, t.kind, period.dose, period.unit, period.schedule, period.times_a_day]
        values += [period.started, period.stopped, period.stop_reason, period.notes]
        yield _csv_row(TREATMENT_COLUMNS, values, TREATMENT_NUMBER_COLUMNS)


def dose_rows(patient) -> Iterator[list[str]]:
    yield header(DOSE_COLUMNS)
    doses = (
        DoseLog.objects.for_patient(patient)
        .select_related("treatment")
        .annotate(logged_by_cell=logged_by_cell(patient))
    )
    for dose in doses.order_by("taken_at", "id").iterator(chunk_size=CHUNK):
        when = timezone.localtime(dose.taken_at, patient.zone).isoformat()
        values = [dose.uuid, dose.treatment.name, when, dose.reason, dose.logged_by_cell]
        yield _csv_row(DOSE_COLUMNS, values)


def side_effect_rows(patient) -> Iterator[list[str]]:
    yield header(SIDE_EFFECT_COLUMNS)
    effects = SideEffect.objects.for_patient(patient).select_related("treatment")
    for effect in effects.order_by("date", "id").iterator(chunk_size=CHUNK):
        values = [effect.treatment.name, effect.date, effect.what, effect.severity]
        yield _csv_row(SIDE_EFFECT_COLUMNS, values)


def to_dose(value: str) -> Decimal:
    try:
        number = Decimal(value)
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise BadCell(f"{value!r} is not a number") from None
    if number != number.quantize(Decimal("0.01")):
        raise BadCell(f"{value!r} has more than two decimal places")
    return number


def _to_times(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadCell(f"{value!r} is not a whole number") from None


@dataclass
class TreatmentImport:
    """What the three files hold, checked: new treatments, new periods, doses, effects."""

    treatments: dict[str, Treatment] = field(default_factory=dict)  # by lower-case name
    new_treatments: list[Treatment] = field(default_factory=list)
    periods: list[TreatmentPeriod] = field(default_factory=list)
    doses: list[DoseLog] = field(default_factory=list)
    side_effects: list[SideEffect] = field(default_factory=list)


def _not_future(day: dt.date | None, today: dt.date, column: str, where, problems) -> None:
    if day is not None and day > today:
        problems.append(Problem(*where, column, "that day has not happened yet"))


def read_treatments(text: str, patient, problems, found: TreatmentImport) -> None:
    name = TREATMENTS_FILE
    table = read_table(text, name, TREATMENT_COLUMNS, TREATMENT_REQUIRED, problems, keep=["notes"])
    if table is None:
        return
    converters = as_written(TREATMENT_COLUMNS)
    converters |= {"dose": to_dose, "times_a_day": _to_times, "started": to_date}
    converters["name"] = to_line
    converters["stopped"] = to_date
    today = patient.today()
    existing = TreatmentPeriod.objects.for_patient(patient).select_related("treatment")
    spans: dict[str, list] = {}
    for period in existing:
        spans.setdefault(period.treatment.name.lower(), []).append((period, 0))
    for number, values, before in rows_read(table, converters, TREATMENT_REQUIRED, name, problems):
        key = " ".join(values.pop("name", "").split())
        treatment = found.treatments.get(key.lower()) or _treatment(patient, key, values)
        reported = {p.column for p in problems[before:]}
        check_row(treatment, ["patient"], name, number, {}, problems, reported)
        values.pop("kind", None)
        period = TreatmentPeriod(treatment=treatment, **values)
        others = spans.setdefault(key.lower(), [])
        if any(n == 0 and p.started == period.started for p, n in others):
            continue  # in the journal already: imported before
        check_row(period, ["treatment"], name, number, {}, problems, reported)
        for column in ("started", "stopped"):
            _not_future(values.get(column), today, column, (name, number), problems)
        clash = _clash(period, others)
        if clash is not None and len(problems) == before:
            problems.append(Problem(name, number, "started", clash))
        if len(problems) == before:
            others.append((period, number))
            if key.lower() not in found.treatments and treatment.pk is None:
                found.new_treatments.append(treatment)
            found.treatments[key.lower()] = treatment
            found.periods.append(period)


def _treatment(patient, name: str, values: dict) -> Treatment:
    existing = Treatment.objects.for_patient(patient).filter(name__iexact=name).first()
    return existing or Treatment(patient=patient, name=name, kind=values.get("kind", ""))


def _clash(period: TreatmentPeriod, others: list) -> str | None:
    """Why this period cannot sit beside the treatment's others, if it cannot."""
    for other, number in others:
        where = f"row {number}" if number else "the journal"
        if period.stopped is None and other.stopped is None:
            return f"{where} already has this treatment taken now (no stop date)"
        ends = period.stopped or dt.date.max
        other_ends = other.stopped or dt.date.max
        if period.started <= other_ends and other.started <= ends:
            return f"these days overlap a stretch in {where}"
    return None


def _treatment_by_name(found: TreatmentImport, patient, value: str) -> Treatment:
    key = " ".join(value.split()).lower()
    if key not in found.treatments:
        known = Treatment.objects.for_patient(patient).filter(name__iexact=key).first()
        if known is None:
            raise BadCell(f"{value!r} is not in the treatments file or the journal")
        found.treatments[key] = known
    return found.treatments[key]


def read_doses(text: str, patient, problems, found: TreatmentImport) -> None:
    name = DOSES_FILE
    table = read_table(text, name, DOSE_COLUMNS, DOSE_REQUIRED, problems)
    if table is None:
        return
    converters = as_written(DOSE_COLUMNS)
    converters |= {"id": to_uuid, "logged_by": logger_reader(patient)}
    converters["taken_at"] = lambda v: to_datetime(v, patient.zone)
    converters["treatment"] = lambda v: _treatment_by_name(found, patient, v)
    have = set(DoseLog.objects.for_patient(patient).values_list("uuid", flat=True))
    seen: dict = {}
    for number, values, before in rows_read(table, converters, DOSE_REQUIRED, name, problems):
        if "id" in values:
            values["uuid"] = values.pop("id")
        values.setdefault("logged_by", patient)
        dose = DoseLog(patient=patient, **values)
        reported = {p.column for p in problems[before:]}
        exclude = ["patient", "logged_by", "treatment"]
        check_row(dose, exclude, name, number, {"uuid": "id"}, problems, reported)
        first = seen.setdefault(dose.uuid, number)
        if first != number:
            problems.append(Problem(name, number, "id", f"the same id as row {first}"))
        if len(problems) == before and dose.uuid not in have:
            found.doses.append(dose)


def read_side_effects(text: str, patient, problems, found: TreatmentImport) -> None:
    name = SIDE_EFFECTS_FILE
    table = read_table(text, name, SIDE_EFFECT_COLUMNS, SIDE_EFFECT_REQUIRED, problems)
    if table is None:
        return
    converters = as_written(SIDE_EFFECT_COLUMNS)
    converters["date"] = to_date
    converters["treatment"] = lambda v: _treatment_by_name(found, patient, v)
    have = set(SideEffect.objects.for_patient(patient).values_list("treatment_id", "date", "what"))
    today = patient.today()
    for number, values, before in rows_read(
        table, converters, SIDE_EFFECT_REQUIRED, name, problems
    ):
        effect = SideEffect(**values)
        reported = {p.column for p in problems[before:]}
        check_row(effect, ["treatment"], name, number, {}, problems, reported)
        _not_future(effect.date, today, "date", (name, number), problems)
        key = (effect.treatment_id, effect.date, effect.what)
        if len(problems) == before and (effect.treatment_id is None or key not in have):
            found.side_effects.append(effect)


def write_treatments(found: TreatmentImport) -> dict[str, int]:
    """Write what was read, in bulk: treatments first, so the rest can point at them."""
    Treatment.objects.bulk_create(found.new_treatments)
    for made in [*found.periods, *found.doses, *found.side_effects]:
        made.treatment_id = made.treatment.pk  # set once the treatment has its key
    TreatmentPeriod.objects.bulk_create(found.periods)
    DoseLog.objects.bulk_create(found.doses)
    SideEffect.objects.bulk_create(found.side_effects)
    return {
        "treatments": len(found.new_treatments),
        "periods": len(found.periods),
        "doses": len(found.doses),
        "side effects": len(found.side_effects),
    }
