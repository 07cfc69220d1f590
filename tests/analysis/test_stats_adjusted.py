"""The adjusted analysis on planted diaries: real triggers stand out, bystanders do not,
and inputs a model cannot use give words instead of errors."""

import re

import pytest

from analysis.stats.associations import Day, Result, analyse
from analysis.wording import describe
from tests.support.diaries import REAL, find, planted_diary


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
