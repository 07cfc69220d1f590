"""Planted diaries: the days the statistics read, made from a seed with effects we chose,
so a test knows what the analysis ought to find. No database."""

import datetime as dt
import math

import numpy as np

from analysis.stats.associations import (
    DEFAULT_HEAT_THRESHOLD_C,
    Day,
    DayInputs,
    Result,
    derive_triggers,
)
from analysis.stats.periods import Period

START = dt.date(2025, 3, 1)
ZERO = {"spasm_count": 0.0, "spasm_severity_max": 0.0, "pain_max": 0.0}


def day(offset: int, outcomes: dict | None = None, *, start: dt.date = START, **inputs) -> Day:
    """One recorded day, `offset` days after `start`; outcomes left out are zero."""
    binary, continuous = derive_triggers(DayInputs(**inputs))
    return Day(start + dt.timedelta(days=offset), {**ZERO, **(outcomes or {})}, binary, continuous)


def find(results: list[Result], trigger: str, outcome: str, lag: int) -> Result:
    return next(r for r in results if (r.trigger, r.outcome, r.lag_days) == (trigger, outcome, lag))


def fan_on_hot_days(hot: bool, rng) -> bool:
    """A fan, ticked on ~80% of hot days and ~5% of others: a bystander that follows heat."""
    return bool(rng.random() < (0.8 if hot else 0.05))


# Weather that runs in spells: each day's departure from the season keeps 0.8 of the day
# before's (a day-to-day correlation of about 0.9 with the season's swing), as real daily
# maxima do. Over March to August about a fifth of days reach the heat threshold.
SPELL_PERSISTENCE = 0.8
SPELL_NUDGE_C = 2.4  # the day's own change, so departures spread about ±4 °C
SEASON_MEAN_C, SEASON_SWING_C, WARMEST_DAY_OF_YEAR = 17.0, 8.0, 201


def spell_temperatures(seed: int, days: int, start: dt.date = START) -> list[float]:
    """Daily maximum temperatures, one a day from `start`: a seasonal swing plus
    departures that persist from one day to the next."""
    rng = np.random.default_rng([seed, 7])  # its own stream: the rest of a diary is unchanged
    departure, temperatures = 0.0, []
    for i in range(days):
        departure = SPELL_PERSISTENCE * departure + rng.normal(0, SPELL_NUDGE_C)
        day_of_year = (start + dt.timedelta(days=i)).timetuple().tm_yday
        season = math.cos(2 * math.pi * (day_of_year - WARMEST_DAY_OF_YEAR) / 365)
        temperatures.append(round(SEASON_MEAN_C + SEASON_SWING_C * season + departure, 1))
    return temperatures


def trigger_diary(
    seed: int,
    days: int = 180,
    *,
    heat: float = 2.0,
    heat_next_day: float = 1.0,
    persistent_weather: bool = False,
    heat_severity: int = 0,
    poor_night_spasms: float = 1.0,
    poor_night_pain_next_day: float = 0.0,
    infections: float = 0.12,
    infection_pain: float = 0.0,
    hard_day_pain_next_day: float = 0.0,
    pain_spread: float = 1.2,
    fan=None,
    extra=None,
    start: dt.date = START,
) -> list[Day]:
    """A quarter of days hot, three in ten after a poor night; about two spasms a day.

    Heat multiplies the spasms by `heat` and the next day's by `heat_next_day` (and adds
    `heat_severity` to how bad they are), a poor night by `poor_night_spasms` and the next
    day's worst pain by `poor_night_pain_next_day`; an infection (on a share `infections` of days) adds
    `infection_pain` to that day's pain and a hard day `hard_day_pain_next_day` to the
    next day's. Stress, steps, the other activities and coffee do nothing. `fan(hot, rng)`
    adds a "fan" own trigger and `extra(hot, i)` an "other" one.

    Hot days are a quarter of days drawn independently, or with `persistent_weather` the
    days whose maximum (`spell_temperatures`, recorded every day) reaches the heat
    threshold, as when the weather is filled in for the patient."""
    rng = np.random.default_rng(seed)
    temperatures = spell_temperatures(seed, days, start) if persistent_weather else None
    diary, hot_yesterday, poor_yesterday, hard_yesterday = [], False, False, False
    for i in range(days):
        hot = bool(rng.random() < 0.25)
        weather = {"overheated": hot}
        if temperatures:
            hot = temperatures[i] >= DEFAULT_HEAT_THRESHOLD_C
            weather = {"max_temp_c": temperatures[i]}
        poor = bool(rng.random() < 0.3)
        infection = bool(rng.random() < infections)
        hard = bool(rng.random() < 0.2)
        rate = 2.0 * (heat if hot else 1.0) * (poor_night_spasms if poor else 1.0)
        rate *= heat_next_day if hot_yesterday else 1.0
        spasms = int(rng.poisson(rate))
        severity = float(min(10, rng.integers(2, 8) + (heat_severity if hot else 0)))
        pain = (
            rng.normal(3, pain_spread)
            + infection_pain * infection
            + hard_day_pain_next_day * hard_yesterday
            + poor_night_pain_next_day * poor_yesterday
        )
        tags = {"coffee": bool(rng.random() < 0.4)}
        if fan:
            tags["fan"] = fan(hot, rng)
        if extra:
            tags["other"] = extra(hot, i)
        outcomes = {
            "spasm_count": float(spasms),
            "spasm_severity_max": severity if spasms else 0.0,
            "pain_max": float(np.clip(round(pain), 0, 10)),
        }
        diary.append(
            day(
                i,
                outcomes,
                start=start,
                **weather,
                sleep_quality=2 if poor else 4,
                infection="cold_flu" if infection else "none",
                activity="hard" if hard else str(rng.choice(["rest", "light", "moderate"])),
                stress=int(rng.integers(0, 11)),
                steps=int(rng.integers(500, 12000)),
                tags=tags,
            )
        )
        hot_yesterday, poor_yesterday, hard_yesterday = hot, poor, hard
    return diary


CHANGE_DAY = 60
STARTED = START + dt.timedelta(days=CHANGE_DAY)
TIZANIDINE = [Period("Tizanidine", STARTED, dose=2, unit="mg")]


def treatment_diary(
    seed: int,
    days: int = 120,
    rate_after: float = 1.0,
    hot_before: float = 0.25,
    hot_after: float = 0.25,
) -> list[Day]:
    """About four spasms a day; heat doubles them and a poor night adds half again. From
    three days after day 60 (a medicine started, `TIZANIDINE`) the rate is multiplied by
    `rate_after`, and the share of hot days moves from `hot_before` to `hot_after`. One
    day in ten is not recorded."""
    rng = np.random.default_rng(seed)
    diary = []
    for i in range(days):
        hot = bool(rng.random() < (hot_before if i < CHANGE_DAY else hot_after))
        poor = bool(rng.random() < 0.3)
        infection = bool(rng.random() < 0.1)
        hard = bool(rng.random() < 0.2)
        medicine = rate_after if i >= CHANGE_DAY + 3 else 1.0
        spasms = int(rng.poisson(4.0 * (2.0 if hot else 1.0) * (1.5 if poor else 1.0) * medicine))
        pain = rng.normal(3, 1.2) + 2.5 * infection
        severity = float(rng.integers(2, 8)) if spasms else 0.0
        stress = int(rng.integers(0, 11))
        if rng.random() < 0.1:
            continue
        outcomes = {
            "spasm_count": float(spasms),
            "spasm_severity_max": severity,
            "pain_max": float(np.clip(round(pain), 0, 10)),
        }
        diary.append(
            day(
                i,
                outcomes,
                overheated=hot,
                sleep_quality=2 if poor else 4,
                infection="uti" if infection else "none",
                activity="hard" if hard else "light",
                stress=stress,
            )
        )
    return diary


REAL = {
    ("heat", "spasm_count", 0),
    ("poor_sleep", "spasm_count", 0),
    ("infection", "pain_max", 0),
    ("hard_activity", "pain_max", 1),
}


def planted_diary(seed: int, days: int = 180, fan=fan_on_hot_days, extra=None) -> list[Day]:
    """Heat doubles spasms, a poor night adds half again; an infection raises pain by 2.5
    points and a hard day the next day's pain by 2. A fan that follows heat does nothing."""
    return trigger_diary(
        seed,
        days,
        poor_night_spasms=1.5,
        infection_pain=2.5,
        hard_day_pain_next_day=2.0,
        fan=fan,
        extra=extra,
    )
