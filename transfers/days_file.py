"""days.csv: one row per check-in, with a tag:NAME column for each own trigger, written
by the export, read back and added by the import (docs/import-format.md). A day is
matched on its date: an empty cell never erases what the journal has.

Temperature and humidity each have a column saying whose they are: empty for the
patient's own, `weather` for the weather's. The export fills from the weather what the
patient left empty on a recorded day (and writes a row of only the weather for a day
with entries and no check-in), so the file carries what the analysis read; the import
never lets the weather's value stand over one of the patient's.

Sleep hours and steps have such a column too, naming the health app that counted them
(`apple_health`, `health_connect`, `fitbit`, `garmin`). The export writes every day a
health app's export brought, recorded or not, and the import puts those values back
where the health page puts them (health/), beside the check-in, never in it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.utils import timezone

from health.models import Source as HealthSource
from health.reading import filled_health
from health.services import DayValues, health_days_fill
from symptoms.models import Entry
from transfers.checking import check_row, rows_read
from transfers.csv_format import TAG_PREFIX, cell, header, row
from transfers.reading import (
    BadCell,
    Problem,
    Table,
    as_written,
    read_table,
    to_boolean,
    to_date,
    to_decimal,
    to_integer,
    to_line,
)
from transfers.streaming import CHUNK
from triggers.forms import CHECK_IN_ANSWERS
from triggers.models import SOURCED, CheckIn, OwnTrigger, Source, TagAnswer, normalise_trigger_name
from weather.reading import Filled, filled_weather

DAYS_FILE = "days file"
# The numbers a health app may fill, each with the column naming the app.
COUNTED = {"sleep_hours": "sleep_hours_source", "steps": "steps_source"}
# Each number the weather or a health app may fill is followed by the column saying
# whose it is.
SOURCE_COLUMNS = {**SOURCED, **COUNTED}
DAY_COLUMNS = [
    "date",
    *[c for name in CHECK_IN_ANSWERS for c in (name, SOURCE_COLUMNS.get(name)) if c is not None],
]
DAY_REQUIRED = ["date"]
DAY_BOOLEAN_COLUMNS = ["overheated", "fever"]
DAY_INTEGER_COLUMNS = ["humidity_pct", "sleep_quality", "steps", "stress"]
DAY_DECIMAL_COLUMNS = ["max_temp_c", "sleep_hours"]
DAY_NUMBER_COLUMNS = [*DAY_INTEGER_COLUMNS, *DAY_DECIMAL_COLUMNS]


def own_triggers(patient) -> tuple[dict[int, str], dict[int, dict[int, bool]]]:
    """The patient's own triggers by name, answered or not, and every check-in's answers
    to them, in one query."""
    names: dict[int, str] = {}
    answers: dict[int, dict[int, bool]] = defaultdict(dict)
    rows = (
        OwnTrigger.objects.for_patient(patient)
        .order_by("name", "id")
        .values_list("id", "name", "answers__check_in_id", "answers__present")
    )
    for pk, name, check_in_id, present in rows:
        names[pk] = name
        if check_in_id is not None:
            answers[check_in_id][pk] = present
    return names, answers


def day_rows(patient) -> Iterator[list[str]]:
    """The days file, row by row from its header, oldest day first."""
    # Every own trigger has its column, answered or not yet: the import brings it back.
    triggers, answered = own_triggers(patient)
    yield header(DAY_COLUMNS + [f"{TAG_PREFIX}{name}" for name in triggers.values()])
    weather = filled_weather(patient, None, None)
    counted = filled_health(patient, None, None)
    # Days with no check-in, in date order, that the weather filled (of those with
    # entries) or a health app counted (all of them).
    entry_days = Entry.objects.for_patient(patient).local_dates(patient.zone) if weather else ()
    without = {d for d in entry_days if _has_numbers(weather.get(d))} | set(counted)
    check_ins = CheckIn.objects.for_patient(patient).order_by("date")
    fillers = (weather, counted)
    for check_in in check_ins.iterator(chunk_size=CHUNK):
        yield from _rows_without_check_in(without, fillers, triggers, before=check_in.date)
        without.discard(check_in.date)
        yield _row(check_in, fillers, triggers, answered.get(check_in.pk, {}))
    yield from _rows_without_check_in(without, fillers, triggers, before=None)


def _rows_without_check_in(dates: set[dt.date], fillers, triggers, before: dt.date | None):
    """The rows of `dates` before `before` (all, if None), each taken out of `dates`."""
    for date in sorted(d for d in dates if before is None or d < before):
        dates.discard(date)
        yield _row(CheckIn(date=date), fillers, triggers, {})


def _has_numbers(filled: Filled | None) -> bool:
    return filled is not None and (filled.max_temp_c, filled.humidity_pct) != (None, None)


def _row(check_in: CheckIn, fillers, triggers, answers) -> list[str]:
    """A check-in's row, the numbers the patient left empty filled from the weather and
    from what a health app counted."""
    weather, counted = fillers
    filled = weather.get(check_in.date)
    for name, source in SOURCED.items():
        if getattr(check_in, name) is None and filled and getattr(filled, name) is not None:
            setattr(check_in, name, getattr(filled, name))
            setattr(check_in, source, Source.WEATHER)
    # A column no check-in holds (a health app's name) is empty unless filled below.
    cells = {c: cell(getattr(check_in, c, ""), c, DAY_BOOLEAN_COLUMNS) for c in DAY_COLUMNS}
    day = counted.get(check_in.date)
    for name, source in COUNTED.items():
        value = getattr(day, name, None)
        if getattr(check_in, name) is None and value is not None:
            cells[name] = cell(value, name, DAY_BOOLEAN_COLUMNS)
            cells[source] = getattr(day, _day_source(name))
    for trigger in triggers:
        cells[f"{TAG_PREFIX}{trigger}"] = cell(answers.get(trigger), "tag", {"tag"})
    return row(cells, DAY_NUMBER_COLUMNS)


def _tag_names(table: Table, patient, problems, name: str) -> dict[str, str]:
    """tag:NAME columns -> the trigger names they stand for, checked as the form checks."""
    names = {}
    for column in table.header:
        if not column.startswith(TAG_PREFIX):
            continue
        try:
            trigger_name = normalise_trigger_name(to_line(column[len(TAG_PREFIX) :]))
        except BadCell as exc:
            problems.append(Problem(name, 1, column, str(exc)))
            continue
        if not trigger_name:
            message = f"write the trigger's name after {TAG_PREFIX}"
            problems.append(Problem(name, 1, column, message))
            continue
        trigger = OwnTrigger(patient=patient, name=trigger_name)
        if check_row(trigger, ["patient"], name, 1, {"name": column}, problems):
            names[column] = trigger_name
    return names


def read_days(text: str, patient, problems, summary) -> tuple[list, list[str]]:
    """The file's days, checked, and the names of the own triggers its tag columns ask."""
    name = DAYS_FILE
    table = read_table(text, name, DAY_COLUMNS, DAY_REQUIRED, problems, tags=True)
    if table is None:
        return [], []
    if not table.rows:
        summary.files_without_rows.append(name)
    return _days(table, patient, problems, name)


def _days(table: Table, patient, problems, name: str) -> tuple[list, list[str]]:
    tag_names = _tag_names(table, patient, problems, name)
    converters = as_written(DAY_COLUMNS)
    converters.update({c: to_integer for c in DAY_INTEGER_COLUMNS})
    converters.update({c: to_decimal for c in DAY_DECIMAL_COLUMNS})
    converters.update({c: to_boolean for c in [*DAY_BOOLEAN_COLUMNS, *tag_names]})
    converters.update({source: to_source for source in SOURCED.values()})
    converters.update({source: to_health_source for source in COUNTED.values()})
    converters["date"] = to_date
    days = []
    seen: dict[dt.date, int] = {}
    for number, values, before in rows_read(table, converters, DAY_REQUIRED, name, problems):
        tags = {tag_names[c]: values.pop(c) for c in tag_names if c in values}
        _sources(values, name, number, problems)
        apps = {value: values.pop(source) for value, source in COUNTED.items() if source in values}
        check_in = CheckIn(patient=patient, **values)
        values.pop("date", None)
        reported = {p.column for p in problems[before:]}
        check_row(check_in, ["patient"], name, number, {}, problems, reported)
        if check_in.date is not None and check_in.date in seen:
            problems.append(
                Problem(name, number, "date", f"the same date as row {seen[check_in.date]}")
            )
        seen.setdefault(check_in.date, number)
        if len(problems) == before:
            days.append((check_in, values, tags, _counted(check_in, values, apps)))
    return days, list(tag_names.values())


def _day_source(name: str) -> str:
    """The name of DayValues' source field for `name`: sleep_source, steps_source."""
    return {"sleep_hours": "sleep_source", "steps": "steps_source"}[name]


def _counted(check_in: CheckIn, values: dict, apps: dict[str, str]) -> DayValues | None:
    """The row's numbers a health app counted, taken out of its check-in: they go back
    beside the journal, where an export's days are kept."""
    counted = {}
    for name, app in apps.items():
        if app:
            counted[name] = values.pop(name)
            counted[_day_source(name)] = app
            setattr(check_in, name, None)
    return DayValues(check_in.date, **counted) if counted else None


def to_source(value: str) -> str:
    if value.lower() == Source.WEATHER:
        return Source.WEATHER
    raise BadCell(
        f"{value!r} is not a source: leave the cell empty for your own value, "
        f"or write {Source.WEATHER} for the weather's"
    )


def to_health_source(value: str) -> str:
    if value.lower() in HealthSource.values:
        return value.lower()
    apps = ", ".join(HealthSource.values)
    raise BadCell(
        f"{value!r} is not a source: leave the cell empty for your own value, or write "
        f"the health app that counted it ({apps})"
    )


def _sources(values: dict, name: str, number: int, problems) -> None:
    """A number with no source is the patient's own; a source needs its number."""
    for value, source in SOURCE_COLUMNS.items():
        if value in values:
            values.setdefault(source, "")
        elif source in values:
            message = f"{values[source]} needs a number in {value}"
            problems.append(Problem(name, number, source, message))


def _add_triggers(patient, names: list[str], summary) -> dict[str, OwnTrigger]:
    """The patient's own triggers by lower-case name, with any new ones from the file."""
    triggers = {t.name.lower(): t for t in OwnTrigger.objects.for_patient(patient)}
    new = [OwnTrigger(patient=patient, name=name) for name in names if name.lower() not in triggers]
    OwnTrigger.objects.bulk_create(new)
    triggers.update({t.name.lower(): t for t in new})
    summary.triggers_added = [t.name for t in new]
    return triggers


def write_days(patient, days, tag_names: list[str], summary) -> None:
    """Add new days, fill in existing ones; an empty cell never erases what is there."""
    triggers = _add_triggers(patient, tag_names, summary)
    existing = {
        c.date: c for c in CheckIn.objects.for_patient(patient).prefetch_related("tag_answers")
    }
    new, changed, changed_fields, answers = [], [], set(), []
    counted = [c for *_, c in days if c is not None]
    brought = health_days_fill(patient=patient, days=counted)
    for parsed, values, tags, from_app in days:
        if from_app is not None and not values and not tags and parsed.date not in existing:
            # A day only a health app counted: it stays beside the journal, as it came.
            if from_app.date in brought.changed_dates:
                summary.days_updated += 1
            elif from_app.date in brought.added_dates:
                summary.days_added += 1
            else:
                summary.days_already_there += 1
            continue
        check_in = existing.get(parsed.date)
        if check_in is None:
            new.append(parsed)
            check_in, had, differences = parsed, {}, {}
        else:
            _keep_own_numbers(check_in, values)
            differences = {k: v for k, v in values.items() if getattr(check_in, k) != v}
            for name, value in differences.items():
                setattr(check_in, name, value)
            changed_fields.update(differences)
            had = {a.trigger_id: a.present for a in check_in.tag_answers.all()}
        different = {
            triggers[name.lower()]: present
            for name, present in tags.items()
            if had.get(triggers[name.lower()].pk) != present
        }
        answers += [(check_in, trigger, present) for trigger, present in different.items()]
        if check_in is parsed:
            summary.days_added += 1
        elif differences or different:
            summary.days_updated += 1
            if differences:
                check_in.updated_at = timezone.now()  # bulk_update skips auto_now
                changed.append(check_in)
        else:
            summary.days_already_there += 1
    CheckIn.objects.bulk_create(new)
    if changed:
        CheckIn.objects.bulk_update(changed, [*changed_fields, "updated_at"])
    TagAnswer.objects.bulk_create(
        [TagAnswer(check_in=c, trigger=t, present=p) for c, t, p in answers],
        update_conflicts=True,
        unique_fields=["check_in", "trigger"],
        update_fields=["present"],
    )


def _keep_own_numbers(check_in: CheckIn, values: dict) -> None:
    """The weather's numbers in a row never stand over the patient's own in the journal."""
    for value, source in SOURCED.items():
        own = getattr(check_in, value) is not None and not check_in.from_weather(value)
        if own and values.get(source) == Source.WEATHER:
            del values[value], values[source]
