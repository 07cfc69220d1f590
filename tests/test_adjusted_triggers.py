"""The adjusted analysis on planted diaries: real triggers stand out, bystanders do not,
and inputs a model cannot use give words instead of errors."""

import datetime as dt
import re

import numpy as np
import pytest

from analysis.stats.associations import Day, DayInputs, Result, analyse, derive_triggers
from analysis.wording import describe

START = dt.date(2025, 3, 1)
REAL = {
    ("heat", "spasm_count", 0),
    ("poor_sleep", "spasm_count", 0),
    ("infection", "pain_max", 0),
    ("hard_activity", "pain_max", 1),
}


def day(offset: int, outcomes: dict, **inputs) -> Day:
    binary, continuous = derive_triggers(DayInputs(**inputs))
    return Day(START + dt.timedelta(days=offset), outcomes, binary, continuous)


def planted_diary(seed: int, days: int = 180, fan=None, extra=None) -> list[Day]:
    """Heat doubles spasms, a poor night adds half again; an infection raises pain by 2.5
    points and a hard day the next day's pain by 2. A fan is ticked on ~80% of hot days
    and ~5% of others and does nothing. `fan(hot, rng)` and `extra(hot, i)` override it
    and add another own trigger."""
    rng = np.random.default_rng(seed)
    diary, hard_yesterday = [], False
    for i in range(days):
        hot = bool(rng.random() < 0.25)
        poor = bool(rng.random() < 0.3)
        infection = bool(rng.random() < 0.12)
        hard = bool(rng.random() < 0.2)
        fan_on = fan(hot, rng) if fan else bool(rng.random() < (0.8 if hot else 0.05))
        spasms = int(rng.poisson(2.0 * (2.0 if hot else 1.0) * (1.5 if poor else 1.0)))
        pain = rng.normal(3, 1.2) + 2.5 * infection + 2.0 * hard_yesterday
        tags = {"fan": fan_on, "coffee": bool(rng.random() < 0.4)}
        if extra:
            tags["other"] = extra(hot, i)
        diary.append(
            day(
                i,
                {
                    "spasm_count": float(spasms),
                    "spasm_severity_max": float(rng.integers(2, 8)) if spasms else 0.0,
                    "pain_max": float(np.clip(round(pain), 0, 10)),
                },
                overheated=hot,
                sleep_quality=2 if poor else 4,
                infection="cold_flu" if infection else "none",
                activity="hard" if hard else str(rng.choice(["rest", "light", "moderate"])),
                stress=int(rng.integers(0, 11)),
                steps=int(rng.integers(500, 12000)),
                tags=tags,
            )
        )
        hard_yesterday = hard
    return diary


def find(results: list[Result], trigger: str, outcome: str, lag: int) -> Result:
    return next(r for r in results if (r.trigger, r.outcome, r.lag_days) == (trigger, outcome, lag))


@pytest.fixture(scope="module")
def ten_diaries() -> list[list[Result]]:
    return [analyse(planted_diary(seed)) for seed in range(10)]


def test_real_triggers_stand_out_in_nearly_every_diary(ten_diaries):
    for key in REAL:
        found = sum(find(results, *key).stands_out for results in ten_diaries)
        assert found >= 9, key


def test_a_bystander_riding_along_with_heat_stands_out_at_most_once_in_ten(ten_diaries):
    flagged = sum(
        any(r.stands_out for r in results if r.trigger == "tag:fan") for results in ten_diaries
    )
    assert flagged <= 1


def test_triggers_with_no_effect_stay_quiet(ten_diaries):
    false = [
        r
        for results in ten_diaries
        for r in results
        if r.stands_out
        and (r.trigger, r.outcome, r.lag_days) not in REAL
        # more spasms also make a day's worst spasm more often above a spasm-free 0
        and (r.trigger, r.outcome, r.lag_days)
        not in {("heat", "spasm_severity_max", 0), ("poor_sleep", "spasm_severity_max", 0)}
    ]
    # At an FDR of 5% with four real findings a diary, about a quarter of a false one a
    # diary is expected: 5 in ten diaries (of some 600 null comparisons) leaves room for
    # chance.
    assert len(false) <= 5


def test_counts_are_told_as_a_rate_ratio_and_extra_spasms_a_day(ten_diaries):
    heat = find(ten_diaries[0], "heat", "spasm_count", 0)
    assert heat.model == "poisson_glm_hac"
    assert 1.4 < heat.rate_ratio < 2.8 and heat.rate_ratio_ci_low > 1
    assert heat.ci_low < heat.effect < heat.ci_high and heat.ci_low > 0
    assert heat.mean_with > heat.mean_without
    sentence = describe(heat)
    assert sentence.startswith("On hot days you logged ")
    assert re.search(
        r"more spasms than on other days \(95% range [\d.]+ to [\d.]+; about [\d.]+ times as many\)",
        sentence,
    )
    pain = find(ten_diaries[0], "infection", "pain_max", 0)
    assert pain.model == "ols_hac" and pain.rate_ratio is None
    assert 1.5 < pain.effect < 3.5


def test_a_ten_day_diary_flags_nothing_and_says_how_many_more_days_would_help():
    results = analyse(planted_diary(7, days=10))
    assert not any(r.stands_out or r.enough_data for r in results)
    heat = find(results, "heat", "spasm_count", 0)
    assert describe(heat).startswith("Not enough data yet")
    assert heat.more_days_needed is None or "more recorded days would help" in describe(heat)


def test_a_trigger_identical_to_heat_is_told_apart_in_words_not_numbers():
    results = analyse(planted_diary(3, fan=lambda hot, rng: hot))
    fan = find(results, "tag:fan", "spasm_count", 0)
    heat = find(results, "heat", "spasm_count", 0)
    assert fan.cannot_separate_from == ["heat"] and heat.cannot_separate_from == ["tag:fan"]
    assert fan.effect is None and not fan.stands_out and not heat.stands_out
    assert describe(heat) == (
        "Hot days and “fan” days mostly coincide, so the journal cannot tell them apart yet."
    )
    # The other triggers are still adjusted for heat and still found.
    assert find(results, "poor_sleep", "spasm_count", 0).stands_out


@pytest.mark.parametrize(
    "extra",
    [lambda hot, i: True, lambda hot, i: None],
    ids=["constant", "never recorded"],
)
def test_constant_or_unrecorded_triggers_say_not_enough_data(extra):
    results = analyse(planted_diary(4, extra=extra))
    other = find(results, "tag:other", "spasm_count", 0)
    assert not other.enough_data and other.effect is None
    assert describe(other).startswith("Not enough data yet")
    heat = find(results, "heat", "spasm_count", 0)
    assert heat.enough_data and heat.rate_ratio > 1  # the rest of the model still fits


def test_an_all_zero_outcome_gives_words_not_errors():
    diary = [
        Day(
            d.date,
            {**d.outcomes, "spasm_count": 0.0, "spasm_severity_max": 0.0},
            d.binary,
            d.continuous,
        )
        for d in planted_diary(5)
    ]
    results = analyse(diary)
    heat = find(results, "heat", "spasm_count", 0)
    assert heat.effect == 0 and not heat.stands_out and heat.reason == "no_variation"
    assert isinstance(describe(heat), str)
    assert find(results, "infection", "pain_max", 0).stands_out


def test_an_empty_journal_gives_no_findings():
    assert not any(r.enough_data for r in analyse([]))
