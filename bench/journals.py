"""Journals for the benchmarks, built straight into a throwaway database with bulk inserts.

Called inside the app (see bench.served.django_json): a long journal (five years of
entries and daily check-ins), a one-week journal, and many small journals for load.
"""

from __future__ import annotations

import datetime as dt
import random

ENTRIES_A_DAY = 11  # about 20,000 entries over five years
REGIONS = ["left_leg", "right_leg", "lower_back", "left_foot", "neck", "chest_band"]


def _entries(patient, days: int, per_day: int, rng: random.Random):
    from django.utils import timezone

    from symptoms.models import Entry

    now = timezone.now()
    for back in range(days):
        for _ in range(rng.randint(max(per_day - 4, 0), per_day + 4)):
            pain = rng.random() < 0.3
            yield Entry(
                patient=patient,
                logged_by=patient,
                kind="pain" if pain else "spasm",
                pain_type="nerve" if pain else "",
                occurred_at=now - dt.timedelta(days=back, minutes=rng.randint(1, 1400)),
                regions=[rng.choice(REGIONS)],
                severity=rng.randint(0, 10),
                notes=rng.choice(["", "", "after a hot bath", "woke me"]),
                with_new_symptoms=pain and rng.random() < 0.01,
            )


def _check_ins(patient, days: int, rng: random.Random):

    from triggers.models import CheckIn

    today = patient.today()
    for back in range(1, days):
        yield CheckIn(
            patient=patient,
            date=today - dt.timedelta(days=back),
            overheated=rng.random() < 0.2,
            max_temp_c=round(rng.uniform(0, 34), 1),
            sleep_hours=rng.choice([4, 5.5, 6, 7, 7.5, 8, 9]),
            sleep_quality=rng.randint(1, 5),
            infection=rng.choice(["none"] * 12 + ["cold_flu", "uti"]),
            fever=rng.random() < 0.03,
            activity=rng.choice(["rest", "light", "moderate", "hard"]),
            stress=rng.randint(0, 10),
        )


def journal(email: str, days: int, per_day: int = ENTRIES_A_DAY, seed: int = 1):
    """A patient with `days` days of entries and check-ins; returns the user.

    No password (sessions are made directly), so no time goes on hashing one.
    """
    from accounts.models import User
    from symptoms.models import Entry
    from triggers.models import CheckIn

    rng = random.Random(seed)
    patient = User.objects.create_user(email, None, time_zone="Europe/London")
    Entry.objects.bulk_create(_entries(patient, days, per_day, rng), batch_size=2000)
    CheckIn.objects.bulk_create(_check_ins(patient, days, rng), batch_size=2000)
    return patient


def busy_today(email: str, count: int):
    """A patient who has already logged `count` spasms today."""
    from django.utils import timezone

    from accounts.models import User
    from symptoms.models import Entry

    patient = User.objects.create_user(email, None, time_zone="UTC")
    now = timezone.now().replace(hour=23, minute=0)
    Entry.objects.bulk_create(
        Entry(
            patient=patient,
            logged_by=patient,
            kind="spasm",
            severity=n % 11,
            regions=["left_leg"],
            occurred_at=now - dt.timedelta(minutes=n * 10),
        )
        for n in range(count)
    )
    return patient
