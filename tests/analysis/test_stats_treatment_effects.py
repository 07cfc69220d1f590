"""Did a treatment help? The before/after analysis on planted diaries: an effective
medicine stands out, one started as the weather turns hot does not, and short or odd
diaries give words instead of numbers or errors. No database."""

import datetime as dt

import numpy as np
import pytest

from analysis.stats.associations import Day, analyse
from analysis.stats.periods import Period, changes
from analysis.stats.treatment_effects import treatment_effects, windows
from analysis.treatment_wording import describe_change, describe_for_clinician
from tests.support.diaries import (
    REAL,
    START,
    STARTED,
    TIZANIDINE,
    find,
    planted_diary,
    treatment_diary,
)


def spasm_result(reports):
    return next(r for r in reports[0].results if r.outcome == "spasm_count")


def test_changes_come_from_the_periods():
    periods = [
        Period("Baclofen", dt.date(2025, 1, 1), dt.date(2025, 1, 31), dose=10, unit="mg"),
        Period("Baclofen", dt.date(2025, 2, 1), dt.date(2025, 3, 9), dose=20, unit="mg"),
        Period("Physio", dt.date(2025, 2, 10)),
    ]
    found = [(c.treatment, c.kind, c.date) for c in changes(periods)]
    assert found == [
        ("Baclofen", "start", dt.date(2025, 1, 1)),
        ("Baclofen", "dose", dt.date(2025, 2, 1)),
        ("Physio", "start", dt.date(2025, 2, 10)),
        ("Baclofen", "stop", dt.date(2025, 3, 10)),
    ]


def test_the_windows_skip_settling_in_and_stop_at_the_next_change():
    diary = treatment_diary(1)
    periods = [
        Period("Baclofen", STARTED, STARTED + dt.timedelta(days=19), settle_days=5),
        Period("Baclofen", STARTED + dt.timedelta(days=20), settle_days=5),
    ]
    start, dose = changes(periods)
    before, after = windows(diary, start, periods)
    assert len(before) <= 28 and before[-1].date < STARTED
    assert after[0].date >= STARTED + dt.timedelta(days=5)
    assert after[-1].date < dose.date
    before, _ = windows(diary, dose, periods)
    assert before[0].date >= STARTED + dt.timedelta(days=5)


@pytest.fixture(scope="module")
def effective():
    return [
        treatment_effects(treatment_diary(seed, rate_after=0.5), TIZANIDINE) for seed in range(10)
    ]


def test_an_effective_medicine_stands_out_with_fewer_spasms_in_nearly_every_diary(effective):
    results = [spasm_result(reports) for reports in effective]
    assert sum(r.stands_out and r.effect < 0 for r in results) >= 9
    assert all(r.rate_ratio < 1 for r in results)


def test_the_sentence_gives_size_range_days_and_no_claim_of_cause(effective):
    reports = effective[0]
    result = spasm_result(reports)
    sentence = describe_change(reports[0], result)
    assert sentence.startswith("Since starting Tizanidine on 30 April, you logged about ")
    assert "fewer spasms a day (95% range " in sentence
    assert "allowing for heat, sleep, infection, activity and stress" in sentence
    assert f"based on {result.n_before} days before and {result.n_after} after" in sentence
    assert sentence.endswith("An association, not proof.")
    clinician = describe_for_clinician(reports[0], result)
    assert clinician.startswith("Spasms fell by about ")
    assert "after Tizanidine was started on 30 Apr 2025" in clinician


def test_a_medicine_started_as_the_weather_turns_hot_is_not_credited_with_the_heat():
    flagged = 0
    for seed in range(10):
        reports = treatment_effects(
            treatment_diary(100 + seed, hot_before=0.1, hot_after=0.6), TIZANIDINE
        )
        flagged += any(r.stands_out for r in reports[0].results)
        plain = spasm_result(reports)
        assert plain.mean_after > plain.mean_before  # the heat alone raised the plain average
    assert flagged <= 1


def test_a_short_diary_says_not_enough_data_and_how_many_more_days_would_help():
    diary = [d for d in treatment_diary(3) if d.date < STARTED + dt.timedelta(days=12)]
    result = spasm_result(treatment_effects(diary, TIZANIDINE))
    assert not result.enough_data and not result.stands_out
    assert result.n_after < 10 and result.more_days_needed == 10 - result.n_after
    sentence = describe_change(treatment_effects(diary, TIZANIDINE)[0], result)
    assert "not enough data yet" in sentence
    assert f"About {result.more_days_needed} more recorded days would help." in sentence


def test_a_treatment_started_on_the_first_day_cannot_be_compared():
    diary = treatment_diary(4)
    reports = treatment_effects(diary, [Period("Baclofen", START)])
    result = spasm_result(reports)
    assert result.n_before == 0 and result.effect is None and not result.enough_data
    assert "Too few days were recorded before the change." in describe_change(reports[0], result)


def test_two_treatments_started_together_cannot_be_told_apart():
    periods = [Period("Baclofen", STARTED), Period("Gabapentin", STARTED)]
    reports = treatment_effects(treatment_diary(5, rate_after=0.5), periods)
    result = spasm_result(reports)
    assert result.reason == "cannot_separate" and result.cannot_separate_from == ["on:Gabapentin"]
    assert not result.stands_out
    assert "cannot tell their effects" in describe_change(reports[0], result)


@pytest.mark.parametrize(
    "diary",
    [
        [],
        [Day(STARTED, {"spasm_count": 0.0, "spasm_severity_max": 0.0, "pain_max": 0.0}, {}, {})],
        [
            Day(
                START + dt.timedelta(days=i),
                {"spasm_count": 0.0, "spasm_severity_max": 0.0, "pain_max": 2.0},
                {},
                {},
            )
            for i in range(120)
        ],
    ],
    ids=["empty", "one day", "never a spasm"],
)
def test_degenerate_diaries_give_words_not_errors(diary):
    periods = [Period("Tizanidine", STARTED, STARTED + dt.timedelta(days=30))]
    reports = treatment_effects(diary, periods)
    assert [r.change.kind for r in reports] == ["start", "stop"]
    for report in reports:
        for result in report.results:
            assert not result.stands_out
            assert describe_change(report, result)
            assert describe_for_clinician(report, result)
            assert report.as_dict()["results"]


def test_no_periods_no_changes():
    assert treatment_effects(treatment_diary(6), []) == []


TREATED_FROM = dt.date(2025, 6, 1)


def halved_after_a_start(seed: int) -> list[Day]:
    """A planted trigger diary in which a medicine started on TREATED_FROM halves the
    spasms (each one kept with even odds)."""
    rng = np.random.default_rng(seed)
    return [
        Day(
            d.date,
            {**d.outcomes, "spasm_count": float(rng.binomial(int(d.outcomes["spasm_count"]), 0.5))}
            if d.date >= TREATED_FROM
            else d.outcomes,
            d.binary,
            d.continuous,
        )
        for d in planted_diary(seed)
    ]


def test_the_trigger_analysis_allows_for_a_treatment_taken_part_of_the_time():
    results = analyse(halved_after_a_start(0), periods=[Period("Tizanidine", TREATED_FROM)])
    assert not any(r.trigger.startswith("on:") for r in results)  # adjusted for, not reported
    heat = find(results, "heat", "spasm_count", 0)
    assert heat.stands_out and 1.4 < heat.rate_ratio < 2.8
    for key in REAL - {("heat", "spasm_count", 0), ("poor_sleep", "spasm_count", 0)}:
        assert find(results, *key).stands_out


def test_allowing_for_a_treatment_makes_the_triggers_clearer():
    """The halving is noise to the triggers; allowed for, their intervals narrow (on
    average over many diaries: in any one, chance may go the other way)."""
    widths = {"allowed for": [], "unaware": []}
    for seed in range(20):
        diary = halved_after_a_start(seed)
        for name, periods in [
            ("allowed for", [Period("Tizanidine", TREATED_FROM)]),
            ("unaware", []),
        ]:
            results = analyse(diary, periods=periods)
            for trigger in ("heat", "poor_sleep"):
                found = find(results, trigger, "spasm_count", 0)
                widths[name].append(found.ci_high - found.ci_low)
    assert np.mean(widths["allowed for"]) < 0.93 * np.mean(widths["unaware"])
