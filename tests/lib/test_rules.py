"""The shared clinical rules, each against known answers: plain tests, no database."""

import datetime as dt

import pytest

from lib.rules import (
    PAIN_LABELS,
    TRIGGER_LABELS,
    EntryFact,
    frequency_score,
    is_possible_relapse,
    other_causes,
    week_start,
)

MONDAY = dt.date(2026, 11, 9)


@pytest.mark.parametrize(
    ("spasms", "score"), [(0, 1), (1, 2), (2, 3), (5, 3), (6, 4), (9, 4), (10, 5), (25, 5)]
)
def test_daily_spasm_frequency_score_bands(spasms, score):
    assert frequency_score(spasms) == score


def test_week_start_is_the_monday():
    assert week_start(dt.date(2026, 11, 15)) == MONDAY  # a Sunday
    assert week_start(MONDAY) == MONDAY
    assert week_start(dt.date(2027, 1, 1)) == dt.date(2026, 12, 28)  # across a new year


@pytest.mark.parametrize(
    ("kind", "new_symptoms", "flagged"),
    [("pain", True, True), ("pain", False, False), ("spasm", True, False)],
)
def test_a_possible_relapse_is_pain_with_new_or_returning_symptoms(kind, new_symptoms, flagged):
    assert is_possible_relapse(kind, new_symptoms) is flagged
    assert EntryFact(MONDAY, kind, 5, with_new_symptoms=new_symptoms).is_possible_relapse is flagged


def test_other_causes_are_fever_infection_or_heat_that_day_or_the_day_before():
    sunday = MONDAY - dt.timedelta(days=1)
    days = {sunday: {"heat": True, "fever": False}, MONDAY: {"infection": True, "fever": True}}
    assert other_causes(MONDAY, days) == ["heat", "fever", "infection"]
    assert other_causes(MONDAY + dt.timedelta(days=1), days) == ["fever", "infection"]
    assert other_causes(MONDAY + dt.timedelta(days=2), days) == []
    assert other_causes(MONDAY, {MONDAY: {"poor_sleep": True}, sunday: None}) == []


def test_labels_are_short_words():
    assert PAIN_LABELS["spasticity"] == "Stiffness or cramp"
    assert TRIGGER_LABELS["heat"] == ("Heat", "hot days", "a hot day", "Hot")
    assert TRIGGER_LABELS["steps"].short == ""
