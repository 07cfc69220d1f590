"""Group a trigger report into one card per trigger for the trigger view."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from analysis.report import TriggerReport
from analysis.stats.associations import Result, split_by_trigger
from analysis.wording import (
    after_the_trigger,
    cannot_separate,
    describe,
    describe_plain,
    finding_label,
    finding_sentence,
    not_enough_yet,
    on_days,
    outside,
    trigger_label,
)
from lib.rules import OUTCOME_LABELS

MAX_FINDINGS = 3


@dataclass
class TriggerCard:
    trigger: str
    label: str
    kind: str
    results: list[Result] = field(default_factory=list)
    groups: list[tuple[str, int, float, float]] = field(default_factory=list)
    # The hot-day threshold ("27 °C") when the temperatures are the weather's, else "".
    outside: str = ""

    @property
    def stands_out(self) -> bool:
        return any(r.stands_out for r in self.results)

    @property
    def enough_data(self) -> bool:
        return any(r.enough_data for r in self.results)

    @property
    def headline(self) -> Result:
        return self.results[0]

    @property
    def sentences(self) -> list[tuple[Result, str]]:
        """The lead: what stands out, else the strongest result, else why there is none."""
        lead = [r for r in self.results if r.stands_out] or [self.headline]
        return [(r, describe(r)) for r in lead]

    @property
    def plain_sentence(self) -> str | None:
        """The headline's plain with/without averages: description, not a finding."""
        return describe_plain(self.headline)

    @property
    def cannot_tell(self) -> list[str]:
        """Each distinct "cannot tell apart" sentence among this trigger's comparisons."""
        found = [cannot_separate(r) for r in self.results if r.reason == "cannot_separate"]
        lead = {sentence for _, sentence in self.sentences}
        return [s for s in dict.fromkeys(found) if s not in lead]

    @property
    def more_sentences(self) -> list[tuple[Result, str]]:
        """The other comparisons with enough data, for whoever wants all of them."""
        lead = {id(r) for r, _ in self.sentences}
        return [(r, describe(r)) for r in self.results if r.enough_data and id(r) not in lead]

    @property
    def strongest(self) -> Result | None:
        """The comparison that stands out most clearly, if any does."""
        return min((r for r in self.results if r.stands_out), key=strength, default=None)

    @property
    def finding(self) -> str | None:
        if not self.strongest:
            return None
        sentence = finding_sentence(self.strongest)
        return outside(sentence, self.strongest, self.outside) if self.outside else sentence

    @property
    def pattern_note(self) -> str:
        """For a trigger without enough data: why not yet, and what would help."""
        return not_enough_yet(self.headline)

    @property
    def comparisons(self) -> list[tuple[str, Result]]:
        """Every adjusted comparison with a number, labelled, for the statistics table."""
        return [
            (OUTCOME_LABELS[r.outcome].label + after_the_trigger(r, short=True), r)
            for r in self.results
            if r.effect is not None
        ]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.headline.outcome].label + after_the_trigger(self.headline)

    @property
    def slug(self) -> str:
        return "".join(ch if ch.isalnum() else "-" for ch in self.trigger.lower())


def strength(result: Result) -> tuple[float, float]:
    """Clearest first: the smallest q-value, then the smallest p-value."""
    return (result.q_value if result.q_value is not None else 1.0, result.p_value or 1.0)


def lead_cards(cards: list[TriggerCard]) -> list[TriggerCard]:
    """The few triggers the page leads with, one finding each, clearest first."""
    standing = [c for c in cards if c.strongest]
    return sorted(standing, key=lambda c: strength(c.strongest))[:MAX_FINDINGS]


def findings_picture(cards: list[TriggerCard]):
    """The lead findings as dots with their 95% intervals on one zero line."""
    from analysis import charts

    rows = [
        charts.Finding(finding_label(r), r.effect, r.ci_low, r.ci_high)
        for r in (c.strongest for c in cards)
        if r.effect is not None and r.ci_low is not None and r.ci_high is not None
    ]
    return charts.findings(rows)


def trigger_cards(
    report: TriggerReport, with_figures: bool = True, heat_threshold: str = ""
) -> list[TriggerCard]:
    """One card per trigger, those standing out first; `with_figures` is kept for callers
    that ask for none, since the cards now carry numbers only. `heat_threshold` ("27 °C")
    lets a finding on heat say it was outside, if the temperatures are the weather's."""
    cards: dict[str, TriggerCard] = {}
    outside_from = heat_threshold if report.temperatures_from_weather else ""
    for result in report.results:  # already ordered: standing out first
        card = cards.setdefault(
            result.trigger,
            TriggerCard(
                result.trigger, trigger_label(result.trigger), result.kind, outside=outside_from
            ),
        )
        card.results.append(result)
    for card in cards.values():
        if card.kind == "binary" and card.enough_data:
            card.groups = _groups(report, card.headline)
    return sorted(cards.values(), key=lambda c: (not c.stands_out, not c.enough_data))


def _groups(report: TriggerReport, result: Result) -> list[tuple[str, int, float, float]]:
    """(group, days, mean, median) of the headline outcome: the chart's table equivalent."""
    with_, without = split_by_trigger(report.days, result.trigger, result.outcome, result.lag_days)
    _, plural = on_days(result)
    return [
        (name.capitalize(), len(v), statistics.fmean(v), statistics.median(v))
        for name, v in ((plural, with_), ("other days", without))
        if v
    ]
