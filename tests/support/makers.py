"""The data the tests make: people's entries, the forms they fill in, whole journals."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from health.models import HealthDay
from reminders.models import Kind, SentReminder
from symptoms.models import Entry
from treatments.models import DoseLog, SideEffect, Treatment, TreatmentPeriod
from treatments.services import treatment_start
from triggers.models import CheckIn, OwnTrigger, TagAnswer
from weather.models import Place, WeatherDay

PASSWORD = "a-long-enough-passphrase"
ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def make_entry(patient, **fields) -> Entry:
    values = {
        "kind": "spasm",
        "occurred_at": timezone.now() - dt.timedelta(hours=1),
        "regions": ["left_leg"],
        "severity": 5,
    }
    values.update(fields)
    if values["kind"] == "pain":
        values.setdefault("pain_type", "nerve")
    values.setdefault("logged_by", patient)
    return Entry.objects.create(patient=patient, **values)


def local(year, month, day, hour, minute, zone="Europe/London") -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


def jurl(patient, name: str, *args, query: str = "") -> str:
    """The URL of a page of this patient's journal."""
    from django.urls import reverse

    return reverse(name, args=[patient.journal_key, *args]) + (f"?{query}" if query else "")


def local_input(when: dt.datetime) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def spasm_data(**overrides) -> dict:
    data = {
        "occurred_at": "2026-03-14T08:30",
        "regions": ["left_leg", "left_foot"],
        "severity": "6",
        "duration_minutes": "15",
        "painful": "yes",
        "tried": ["stretching", "heat"],
        "helped": "partly",
        "notes": "Woke me at dawn.",
        "client_token": str(Entry.new_token()),
    }
    data.update(overrides)
    return data


def pain_data(**overrides) -> dict:
    data = {
        "occurred_at": "2026-03-14T21:10",
        "regions": ["chest_band"],
        "severity": "7",
        "pain_type": "nerve",
        "sensations": ["ms_hug", "burning"],
        "pattern": "constant",
        "onset": "gradual",
        "with_new_symptoms": "on",
        "relieved_by": ["painkillers", "sitting_upright"],
        "worsened_by": ["lying_down"],
        "happened_before": "different",
        "before_when": "Two years ago",
        "interference_sleep": "8",
        "interference_work": "5",
        "interference_sitting": "",
        "interference_walking": "3",
        "interference_mood": "6",
        "interference_example": "Two hours to fall asleep.",
        "notes": "Left hand numb since Tuesday.",
        "client_token": str(Entry.new_token()),
    }
    data.update(overrides)
    return data


def answers(**overrides) -> dict:
    data = {
        "overheated": "yes",
        "sleep_hours": "5.5",
        "sleep_quality": "2",
        "infection": "uti",
        "fever": "no",
        "activity": "hard",
        "stress": "7",
        "max_temp": "",
        "humidity_pct": "",
        "steps": "",
    }
    data.update(overrides)
    return data


def start(
    patient, name="Tizanidine", *, started=None, days_ago=30, schedule="regular", times=3, **more
):
    values = {
        "patient": patient,
        "name": name,
        "kind": "medicine",
        "dose": Decimal("2"),
        "unit": "mg",
        "schedule": schedule,
        "times_a_day": times if schedule == "regular" else None,
        "started": started or timezone.localdate() - dt.timedelta(days=days_ago),
    }
    values.update(more)
    return treatment_start(**values)


def add_form(**changes) -> dict:
    form = {
        "name": "Tizanidine",
        "kind": "medicine",
        "dose": "2",
        "unit": "mg",
        "schedule": "regular",
        "times_a_day": "3",
        "started": timezone.localdate().isoformat(),
        "notes": "",
    }
    return form | changes


def address_of(length: int) -> str:
    """A well-formed address exactly this long: labels of up to 60 letters."""
    rest, labels = length - len("anna@example.com"), ""
    while rest > 0:
        step = min(61, rest)
        labels += "b" * (step - 1) + "."
        rest -= step
    address = f"anna@{labels}example.com"
    assert len(address) == length
    return address


def journal_of(patient, days: int) -> None:
    """Four entries and a check-in with an own trigger's answer a day, up to yesterday."""
    Entry.objects.filter(patient=patient).delete()
    CheckIn.objects.filter(patient=patient).delete()
    coffee, _ = OwnTrigger.objects.get_or_create(patient=patient, name="Coffee")
    today = patient.today()
    dates = [today - dt.timedelta(days=days_ago) for days_ago in range(1, days + 1)]
    check_ins = CheckIn.objects.bulk_create(
        CheckIn(patient=patient, date=date, overheated=date.day % 2 == 0) for date in dates
    )
    TagAnswer.objects.bulk_create(
        TagAnswer(check_in=c, trigger=coffee, present=c.date.day % 3 == 0) for c in check_ins
    )
    Entry.objects.bulk_create(
        entry(patient, dt.datetime.combine(date, dt.time(hour), patient.zone))
        for date in dates
        for hour in (8, 12, 16, 20)
    )


def treatments_of(patient, days: int) -> Treatment:
    """Over the journal's `days`: Tizanidine from the first day, its dose raised halfway or
    a fortnight ago, whichever is later (so the check-in asks about its side effects in a
    journal of any length), with mild sleepiness every third day; Baclofen when needed, a
    dose a day. Returns Tizanidine."""
    Treatment.objects.filter(patient=patient).delete()
    today = patient.today()
    first, raised = (today - dt.timedelta(days=n) for n in (days, min(days // 2, 14)))
    tizanidine = Treatment.objects.create(patient=patient, name="Tizanidine")
    baclofen = Treatment.objects.create(patient=patient, name="Baclofen")
    TreatmentPeriod.objects.bulk_create(
        [
            TreatmentPeriod(
                treatment=tizanidine, dose=Decimal(2), unit="mg", times_a_day=3, started=first,
                stopped=raised - dt.timedelta(days=1), stop_reason="dose_change",
            ),
            TreatmentPeriod(
                treatment=tizanidine, dose=Decimal(4), unit="mg", times_a_day=3, started=raised
            ),
            TreatmentPeriod(
                treatment=baclofen, dose=Decimal(10), unit="mg", schedule="as_needed", started=first
            ),
        ]
    )  # fmt: skip
    DoseLog.objects.bulk_create(
        DoseLog(patient=patient, treatment=baclofen, logged_by=patient, taken_at=when)
        for when in (timezone.now() - dt.timedelta(days=n, hours=2) for n in range(1, days))
    )
    SideEffect.objects.bulk_create(
        SideEffect(treatment=tizanidine, date=today - dt.timedelta(days=n), what="sleepiness",
                   severity="mild")
        for n in range(1, days, 3)
    )  # fmt: skip
    return tizanidine


def entry(patient, when: dt.datetime) -> Entry:
    if when.hour == 20:
        return Entry(
            patient=patient, kind="pain", pain_type="nerve", occurred_at=when, severity=6,
            regions=["left_foot"], with_new_symptoms=when.day == 1,
        )  # fmt: skip
    return Entry(patient=patient, kind="spasm", occurred_at=when, severity=4, regions=["left_leg"])


def medicine(patient, name="Baclofen", times_a_day: int | None = 2) -> Treatment:
    """A medicine started long ago: taken at set times a day, or when needed (None)."""
    return treatment_start(
        patient=patient,
        name=name,
        kind="medicine",
        dose=10,
        unit="mg",
        schedule="regular" if times_a_day else "as_needed",
        times_a_day=times_a_day,
        started=dt.date(2024, 1, 1),
    )


def sent_dose_reminder(patient, treatment: Treatment, at: str = "08:00") -> SentReminder:
    """The reminder of a dose of treatment at `at` today, claimed and sent by push."""
    return SentReminder.objects.create(
        person=patient,
        kind=Kind.DOSE,
        key=f"{treatment.pk}@{at}",
        local_date=patient.today(),
        due_at=timezone.now(),
        sent_at=timezone.now(),
        channel="push",
    )


def place(patient, latitude="53.8", longitude="-1.5", **fields) -> Place:
    """Where the patient's weather comes from (Leeds unless told), from the journal's start
    and still in force unless `since` or `until` say otherwise."""
    return Place.objects.create(
        patient=patient, latitude=latitude, longitude=longitude, name="Leeds", **fields
    )


def weather(where: Place, date: dt.date, max_temp_c, humidity_pct=None, **fields) -> WeatherDay:
    """The weather of `where`'s cell on `date`, as the fetch would have stored it."""
    return WeatherDay.objects.create(
        latitude=where.latitude,
        longitude=where.longitude,
        date=date,
        max_temp_c=None if max_temp_c is None else Decimal(str(max_temp_c)),
        humidity_pct=humidity_pct,
        fetched_at=timezone.now(),
        **fields,
    )


def counted(patient, date: dt.date, sleep_hours=None, steps=None, source="apple_health"):
    """A day a health app's export brought, as the import stores it."""
    return HealthDay.objects.create(
        patient=patient,
        date=date,
        sleep_hours=None if sleep_hours is None else Decimal(str(sleep_hours)),
        sleep_source=source if sleep_hours is not None else "",
        steps=steps,
        steps_source=source if steps is not None else "",
    )
