"""The trigger statistics, on hand-made numbers and on synthetic diaries with planted effects."""

import numpy as np
import pytest

from analysis.stats.associations import (
    Day,
    DayInputs,
    analyse,
    derive_triggers,
)
from analysis.stats.comparisons import benjamini_hochberg
from analysis.wording import describe
from tests.support.diaries import day, find, trigger_diary

NULL_TRIGGERS = {"hard_activity", "high_stress", "tag:coffee", "stress", "steps"}
PLANTED = {
    ("heat", "spasm_count", 0),
    ("heat", "spasm_severity_max", 0),
    ("poor_sleep", "pain_max", 1),
}


def synthetic_diary(
    seed: int,
    days: int = 180,
    heat_factor: float = 2.0,
    sleep_pain: float = 2.0,
    heat_severity: int = 1,
    persistent_weather: bool = False,
) -> list[Day]:
    """Heat multiplies spasms (and worsens them); a poor night raises the next day's pain;
    everything else is noise."""
    return trigger_diary(
        seed,
        days,
        heat=heat_factor,
        persistent_weather=persistent_weather,
        heat_severity=heat_severity,
        poor_night_pain_next_day=sleep_pain,
        infections=0.0,
        pain_spread=1.3,
    )


def test_plain_welch_difference_matches_a_hand_calculation():
    diary = [day(i, {"spasm_count": v}, overheated=True) for i, v in enumerate([3, 4, 5, 6, 7])]
    diary += [
        day(i + 10, {"spasm_count": v}, overheated=False) for i, v in enumerate([1, 2, 3, 4, 5])
    ]
    diary += [day(i + 20, {"spasm_count": 3}, overheated=None) for i in range(5)]
    result = find(analyse(diary), "heat", "spasm_count", 0)
    # means 5 and 3, variances 2.5 each: se = 1, Welch df = 8, t(0.975, 8) = 2.306
    assert (result.n_with, result.n_without) == (5, 5)
    assert (result.mean_with, result.mean_without) == (5.0, 3.0)
    assert result.unadjusted_effect == pytest.approx(2.0)
    assert (result.unadjusted_ci_low, result.unadjusted_ci_high) == (
        pytest.approx(-0.306, abs=1e-3),
        pytest.approx(4.306, abs=1e-3),
    )
    # Ten days on the two sides are under the fourteen a comparison needs: no model.
    assert not result.enough_data and result.effect is None


def test_benjamini_hochberg_q_values():
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert benjamini_hochberg([0.5, 0.9]) == pytest.approx([0.9, 0.9])
    assert benjamini_hochberg([]) == []


def test_heat_counts_from_the_temperature_or_feeling_overheated():
    assert derive_triggers(DayInputs(max_temp_c=26.0), heat_threshold_c=25)[0]["heat"] is True
    assert derive_triggers(DayInputs(max_temp_c=24.9), heat_threshold_c=25)[0]["heat"] is False
    assert derive_triggers(DayInputs(overheated=True, max_temp_c=10.0))[0]["heat"] is True
    assert derive_triggers(DayInputs())[0]["heat"] is None


def test_poor_sleep_infection_and_stress_rules():
    binary, _ = derive_triggers(DayInputs(sleep_hours=5.5, sleep_quality=4))
    assert binary["poor_sleep"] is True
    binary, _ = derive_triggers(DayInputs(sleep_hours=7.0, sleep_quality=2))
    assert binary["poor_sleep"] is True
    binary, _ = derive_triggers(DayInputs(sleep_hours=7.0, infection="none", fever=True, stress=7))
    assert (binary["poor_sleep"], binary["infection"], binary["high_stress"]) == (False, True, True)
    binary, _ = derive_triggers(DayInputs(infection="none", stress=6, activity="hard"))
    assert (binary["infection"], binary["high_stress"], binary["hard_activity"]) == (
        False,
        False,
        True,
    )


def test_next_day_pairs_skip_unrecorded_days():
    # Day 2 is not recorded: day 1's trigger has no "next day", nor has day 3's.
    diary = [day(0, overheated=True), day(1, overheated=False), day(3, overheated=False)]
    result = find(analyse(diary), "heat", "spasm_count", 1)
    assert (result.n_with, result.n_without) == (1, 0)
    same_day = find(analyse(diary), "heat", "spasm_count", 0)
    assert (same_day.n_with, same_day.n_without) == (1, 2)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_effects_stand_out_with_the_right_sign(seed):
    results = analyse(synthetic_diary(seed))
    heat = find(results, "heat", "spasm_count", 0)
    assert heat.stands_out and heat.effect > 0 and heat.ci_low > 0
    sleep = find(results, "poor_sleep", "pain_max", 1)
    assert sleep.stands_out and sleep.effect > 0 and sleep.ci_low > 0
    assert results[0].stands_out, "what stands out is listed first"


def test_a_planted_decrease_stands_out_as_a_decrease():
    results = analyse(synthetic_diary(4, heat_factor=0.3))
    heat = find(results, "heat", "spasm_count", 0)
    assert heat.stands_out and heat.effect < 0 and heat.ci_high < 0


def test_triggers_with_no_effect_rarely_stand_out_across_many_diaries():
    false_discovery_proportions = []
    for seed in range(100, 200):
        standing = [r for r in analyse(synthetic_diary(seed)) if r.stands_out]
        false = [r for r in standing if (r.trigger, r.outcome, r.lag_days) not in PLANTED]
        false_discovery_proportions.append(len(false) / max(1, len(standing)))
    # Benjamini–Hochberg at 5% keeps the expected share of false findings near 5%; a
    # hundred diaries leave about two points either way to chance.
    assert np.mean(false_discovery_proportions) <= 0.08


@pytest.mark.parametrize("persistent_weather", [False, True], ids=["days apart", "spells"])
def test_with_no_effect_at_all_almost_nothing_stands_out(persistent_weather):
    runs_with_a_finding = sum(
        any(
            r.stands_out
            for r in analyse(
                synthetic_diary(
                    seed,
                    heat_factor=1.0,
                    sleep_pain=0.0,
                    heat_severity=0,
                    persistent_weather=persistent_weather,
                )
            )
        )
        for seed in range(300, 360)
    )
    # About 5% of 60 diaries, with room for chance. In weather that runs in spells (heat
    # judged over the spell) 5 of these 60 have a finding, as when judged day by day.
    assert runs_with_a_finding <= 6


def test_a_ten_day_diary_stands_out_nowhere_and_says_why():
    results = analyse(synthetic_diary(5, days=10, heat_factor=6.0))
    assert not any(r.stands_out for r in results)
    assert not any(r.enough_data for r in results)
    heat = find(results, "heat", "spasm_count", 0)
    assert describe(heat).startswith("Not enough data yet")


def test_results_are_described_in_plain_words_with_interval_and_days():
    heat = find(analyse(synthetic_diary(1)), "heat", "spasm_count", 0)
    sentence = describe(heat)
    assert sentence.startswith("On hot days you logged ")
    assert "more spasms than on other days (95% range " in sentence
    assert f"{heat.n_with} hot days vs {heat.n_without} others" in sentence
    sleep = find(analyse(synthetic_diary(1)), "poor_sleep", "pain_max", 1)
    assert describe(sleep).startswith("The day after a poor night you logged a worst pain ")


def test_own_triggers_are_analysed_like_the_others():
    results = analyse(synthetic_diary(1))
    coffee = find(results, "tag:coffee", "spasm_count", 0)
    assert coffee.enough_data and coffee.kind == "binary"
    assert "“coffee” days" in describe(coffee)


def test_days_all_alike_on_both_sides_are_not_enough_to_judge():
    diary = [day(i, {"spasm_count": 3}, overheated=i % 2 == 0) for i in range(30)]
    heat = find(analyse(diary), "heat", "spasm_count", 0)
    assert heat.effect == 0 and heat.p_value is None
    assert not heat.enough_data and not heat.stands_out
