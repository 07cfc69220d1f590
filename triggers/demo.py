"""Daily check-ins for the demo patient, following the same story as the demo entries."""

import random
from decimal import Decimal

from symptoms.demo import DemoDay
from triggers.models import Activity, CheckIn, Infection, OwnTrigger, TagAnswer


def demo_check_ins(patient, days: list[DemoDay], rng: random.Random) -> list[CheckIn]:
    check_ins = []
    for day in days:
        if not day.recorded or rng.random() < 0.12:  # some days only have entries
            continue
        poor = day.poor_sleep
        check_ins.append(
            CheckIn(
                patient=patient,
                date=day.date,
                overheated=day.hot if rng.random() < 0.9 else None,
                max_temp_c=Decimal(
                    str(round(rng.uniform(25.5, 32) if day.hot else rng.uniform(9, 23.5), 1))
                )
                if rng.random() < 0.6
                else None,
                sleep_hours=Decimal(
                    str(rng.choice([4, 4.5, 5, 5.5] if poor else [6.5, 7, 7.5, 8, 8.5]))
                ),
                sleep_quality=rng.choice([1, 2] if poor else [3, 4, 4, 5]),
                infection=Infection.UTI if day.infection else Infection.NONE,
                fever=day.infection and rng.random() < 0.5,
                activity=Activity.HARD
                if day.hard_activity
                else rng.choice([Activity.REST, Activity.LIGHT, Activity.MODERATE]),
                stress=rng.randint(1, 8),
                steps=rng.randint(800, 9000) if rng.random() < 0.5 else None,
            )
        )
    return check_ins


def demo_own_trigger(patient, check_ins: list[CheckIn], rng: random.Random) -> None:
    """One trigger of the patient's own, answered on most check-ins."""
    trigger = OwnTrigger.objects.create(patient=patient, name="Tight clothing")
    TagAnswer.objects.bulk_create(
        TagAnswer(check_in=c, trigger=trigger, present=rng.random() < 0.2)
        for c in check_ins
        if rng.random() < 0.8
    )
