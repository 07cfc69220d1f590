"""A believable journal for the demo patient: about four months of spasms and pain.

The days follow a simple story so the journal has something to show: hot spells and
short nights bring more spasms, a urinary infection in the middle brings a bad week
(with one pain entry flagged as a possible relapse), and some days are not recorded.
"""

import datetime as dt
import random
from dataclasses import dataclass

from symptoms.choices import EntryKind, Helped, PainType, Pattern, Region, Relief, Sensation
from symptoms.models import Entry


@dataclass
class DemoDay:
    date: dt.date
    recorded: bool
    hot: bool
    poor_sleep: bool
    infection: bool
    hard_activity: bool


def demo_days(today: dt.date, days: int, rng: random.Random) -> list[DemoDay]:
    infection_start = today - dt.timedelta(days=days // 2)
    result = []
    for offset in range(days, 0, -1):
        date = today - dt.timedelta(days=offset - 1)
        early = offset > days * 2 // 3  # the summer end of the range
        result.append(
            DemoDay(
                date=date,
                recorded=rng.random() > 0.08,
                hot=rng.random() < (0.5 if early else 0.1),
                poor_sleep=rng.random() < 0.25,
                infection=infection_start <= date < infection_start + dt.timedelta(days=6),
                hard_activity=rng.random() < 0.15,
            )
        )
    return result


def _at(day: DemoDay, zone, rng: random.Random) -> dt.datetime:
    # Spasms cluster in the evening and at night, as many patients report.
    hour = rng.choice([7, 9, 12, 15, 18, 20, 21, 22, 23, 23, 2, 4])
    return dt.datetime.combine(day.date, dt.time(hour, rng.randrange(60)), tzinfo=zone)


def demo_entries(patient, days: list[DemoDay], rng: random.Random) -> list[Entry]:
    zone = patient.zone
    now = dt.datetime.now(tz=zone)
    entries: list[Entry] = []
    for day in days:
        if not day.recorded:
            continue
        rate = (
            1.2
            + 1.8 * day.hot
            + 1.2 * day.poor_sleep
            + 2.5 * day.infection
            + 0.8 * day.hard_activity
        )
        for _ in range(_poisson(rate, rng)):
            entries.append(_spasm(patient, _at(day, zone, rng), day, rng))
        if rng.random() < 0.35 + 0.4 * day.infection:
            entries.append(_pain(patient, _at(day, zone, rng), day, rng))
    # Today's later hours have not happened yet.
    return [entry for entry in entries if entry.occurred_at < now]


def _poisson(rate: float, rng: random.Random) -> int:
    count, threshold, product = 0, pow(2.718281828, -rate), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def _on_scale(value: int, low: int = 0) -> int:
    """A score kept on the 0–10 scale the model allows, however far the story pushed it."""
    return min(10, max(low, value))


def _spasm(patient, when, day: DemoDay, rng: random.Random) -> Entry:
    regions = rng.choice(
        [[Region.LEFT_LEG, Region.RIGHT_LEG]] * 3
        + [[Region.LEFT_LEG]] * 2
        + [[Region.RIGHT_LEG], [Region.LEFT_FOOT, Region.RIGHT_FOOT], [Region.LOWER_BACK]]
    )
    severity = _on_scale(round(rng.gauss(4.5 + 1.5 * day.infection + day.hot, 1.6)), low=1)
    tried = rng.sample(
        [Relief.STRETCHING, Relief.HEAT, Relief.MEDICATION, Relief.REST], k=rng.randint(0, 2)
    )
    return Entry(
        patient=patient,
        logged_by=patient,
        kind=EntryKind.SPASM,
        occurred_at=when,
        regions=[str(r) for r in regions],
        severity=severity,
        duration_minutes=rng.choice([0, 1, 2, 2, 5, 10, 15, 30]) if rng.random() < 0.7 else None,
        painful=rng.random() < 0.6,
        tried=[str(t) for t in tried],
        helped=rng.choice([Helped.YES, Helped.PARTLY, Helped.NO]) if tried else "",
    )


def _pain(patient, when, day: DemoDay, rng: random.Random) -> Entry:
    kind = rng.choice(
        [PainType.NERVE, PainType.NERVE, PainType.MUSCULOSKELETAL, PainType.SPASTICITY]
    )
    details = {
        PainType.NERVE: (
            [Sensation.BURNING, Sensation.PINS_AND_NEEDLES],
            [Region.LEFT_FOOT, Region.RIGHT_FOOT],
        ),
        PainType.MUSCULOSKELETAL: ([Sensation.BACK_ACHE], [Region.LOWER_BACK]),
        PainType.SPASTICITY: ([Sensation.TIGHTNESS], [Region.LEFT_LEG, Region.RIGHT_LEG]),
    }[kind]
    relapse = day.infection and kind == PainType.NERVE and rng.random() < 0.5
    if relapse:
        details = ([Sensation.MS_HUG], [Region.CHEST_BAND])
    intensity = _on_scale(round(rng.gauss(4 + 2 * day.infection + day.poor_sleep, 1.5)), low=1)
    return Entry(
        patient=patient,
        logged_by=patient,
        kind=EntryKind.PAIN,
        occurred_at=when,
        regions=[str(r) for r in details[1]],
        severity=intensity,
        pain_type=kind,
        sensations=[str(s) for s in details[0]],
        pattern=rng.choice([Pattern.CONSTANT, Pattern.LONG_BURSTS, Pattern.SHORT_BURSTS]),
        onset=rng.choice(["sudden", "gradual"]),
        with_new_symptoms=relapse,
        relieved_by=[str(Relief.HEAT)] if kind != PainType.NERVE else [str(Relief.COLD)],
        worsened_by=["heat"] if kind == PainType.NERVE else ["sitting"],
        happened_before="same" if not relapse else "no",
        interference_sleep=_on_scale(intensity + rng.randint(-2, 2)),
        interference_walking=_on_scale(intensity - 1),
        interference_sitting=max(0, intensity - 3) if kind == PainType.MUSCULOSKELETAL else None,
        interference_example=(
            "Took two hours to fall asleep."
            if intensity >= 6
            else "Had to stop the walk after ten minutes."
        ),
        notes="Numb patch on left thigh started the same day." if relapse else "",
    )
