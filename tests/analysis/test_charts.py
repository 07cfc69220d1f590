"""The plain findings and the SVG charts: what a person reads and sees, without a browser."""

import datetime as dt
import itertools
import re

from analysis.charts import Finding, day_chart, findings, timeline
from analysis.insights import TriggerCard, lead_cards
from analysis.stats.associations import Day, Result
from analysis.wording import finding_sentence
from weekly.charts import spasms
from weekly.summary import DayRow

MONDAY = dt.date(2026, 11, 9)


def result(trigger="heat", outcome="spasm_count", effect=2.2, low=1.1, high=3.4, **extra):
    fields = dict(lag_days=0, kind="binary", n_with=21, n_without=60, p_value=0.001)
    fields |= dict(q_value=0.01, stands_out=True, enough_data=True)
    return Result(trigger, outcome, effect=effect, ci_low=low, ci_high=high, **{**fields, **extra})


def test_a_finding_is_one_plain_sentence_with_its_likely_range_and_days():
    assert finding_sentence(result()) == (
        "On hot days you had about 2 more spasms, likely between 1 and 3 more "
        "— based on 21 hot days."
    )


def test_a_lower_finding_reads_nearest_first_and_says_lower():
    lower = result(outcome="pain_max", effect=-0.8, low=-1.6, high=-0.3, lag_days=1)
    assert finding_sentence(lower) == (
        "The day after a hot day your worst pain was about 0.8 points lower, likely between "
        "0.3 and 1.6 lower — based on 21 hot days."
    )


def test_a_measure_is_described_per_step():
    warmer = result(trigger="max_temp_c", kind="continuous", effect=0.9, low=0.4, high=1.4)
    assert finding_sentence(warmer).startswith(
        "For each 5 °C warmer you had about 0.9 more spasms, likely between 0.4 and 1.4 more"
    )


def test_the_page_leads_with_at_most_three_findings_clearest_first():
    cards = []
    for i, trigger in enumerate(["heat", "poor_sleep", "infection", "hard_activity"]):
        card = TriggerCard(trigger, trigger, "binary")
        card.results.append(result(trigger=trigger, q_value=0.04 - i * 0.01))
        cards.append(card)
    cards.append(TriggerCard("high_stress", "x", "binary", [result(stands_out=False)]))
    leads = lead_cards(cards)
    assert [c.trigger for c in leads] == ["hard_activity", "infection", "poor_sleep"]


def test_the_findings_picture_has_a_dot_and_an_interval_per_row_in_order():
    svg = findings([Finding("Heat · spasms", 2, 1, 3), Finding("Poor sleep · spasms", 1, 0.2, 2)])
    assert svg.count("<circle") == 2
    assert svg.index("1. Heat") < svg.index("2. Poor sleep")
    assert "0 = no difference" in svg
    assert findings([]) is None


def test_a_day_not_recorded_is_a_gap_never_a_zero():
    svg = day_chart(MONDAY, 3, "Spasms", bars=[2, None, 3], line=[4, None, 5])
    assert svg.count('fill="#0b4f8a"') == 2  # two bars, none for the missing day
    assert "<polyline" not in svg and svg.count("<circle") == 2  # the line breaks there


def test_the_weeks_chart_marks_unrecorded_days_and_leaves_days_to_come_empty():
    rows = [DayRow(MONDAY + dt.timedelta(days=i)) for i in range(7)]
    rows[0] = DayRow(MONDAY, recorded=True, spasm_count=3)
    svg = spasms(rows, today=MONDAY + dt.timedelta(days=1))
    assert svg.count(">–</text>") == 1  # Tuesday, not recorded; Wednesday on, still to come
    assert ">3</text>" in svg
    for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        assert f">{name}</text>" in svg


def test_the_timeline_is_a_symptoms_chart_and_a_sleep_chart_with_hot_days_shaded():
    day = Day(MONDAY, {"spasm_count": 2, "pain_max": 3}, {"heat": True}, {"sleep_hours": 7})
    charts = timeline([day], MONDAY, MONDAY + dt.timedelta(days=1))
    assert set(charts) == {"symptoms", "sleep"}
    assert 'fill="#f6d7a7"' in charts["sleep"]  # the hot day's band


def test_the_dates_under_a_long_chart_never_print_over_each_other():
    # A range that starts the day before a Monday puts the first date hard by the axis,
    # written rightwards from its tick, where the next date used to land on it.
    first = MONDAY - dt.timedelta(days=1)
    svg = day_chart(first, 110, "Spasms a day", bars=[1] * 110)
    dates = re.findall(
        r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)"[^>]*>(\d+ \w{3})</text>', svg
    )
    assert len(dates) >= 3
    spans = []
    for x, anchor, label in dates:
        width = len(label) * 15 * 0.6  # 15 px type: no date is wider than this
        start = {"start": float(x), "middle": float(x) - width / 2, "end": float(x) - width}
        spans.append((start[anchor], start[anchor] + width))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
