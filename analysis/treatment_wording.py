"""Treatment before/after results in plain words: for the patient ("you") and for the
neurologist (third person). An association, never a cause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lib.rules import OUTCOME_LABELS, TRIGGER_WORDS

if TYPE_CHECKING:
    from analysis.stats.treatment_effects import ChangeReport, ChangeResult


def _num(value: float) -> str:
    return f"{abs(value):.1f}"


def _direction(outcome: str, value: float) -> str:
    if outcome == "spasm_count":
        return "fewer" if value < 0 else "more"
    return "lower" if value < 0 else "higher"


def _size(result: ChangeResult) -> str:
    """ "about 1.4 fewer spasms a day" or "about 1.2 points lower"."""
    effect = result.effect or 0.0
    if result.outcome == "spasm_count":
        return f"about {_num(effect)} {_direction(result.outcome, effect)} spasms a day"
    return f"about {_num(effect)} points {_direction(result.outcome, effect)}"


def _range(result: ChangeResult) -> str:
    low, high = result.ci_low, result.ci_high
    if low is None or high is None:
        return ""
    if (low < 0) == (high < 0):
        near, far = sorted((abs(low), abs(high)))
        return f"95% range {near:.1f} to {far:.1f} {_direction(result.outcome, low)}"
    return (
        f"95% range {_num(low)} {_direction(result.outcome, low)} to "
        f"{_num(high)} {_direction(result.outcome, high)}"
    )


def allowing_for(result: ChangeResult) -> str:
    names = [TRIGGER_WORDS.get(t) or f"taking {t.removeprefix('on:')}" for t in result.adjusted_for]
    if not names:
        return "not allowing for any trigger (too few check-ins in these weeks)"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"allowing for {listed}"


def _when(report: ChangeReport) -> str:
    change = report.change
    date = f"{change.recorded_date:%-d %B}"
    word = "Since" if report.latest else "After"
    if change.kind == "start":
        return f"{word} starting {change.treatment} on {date}"
    if change.kind == "stop":
        return f"{word} stopping {change.treatment} on {date}"
    dose = f" to {change.dose:g} {change.unit}".rstrip() if change.dose is not None else ""
    return f"{word} changing the dose of {change.treatment}{dose} on {date}"


def _days(result: ChangeResult) -> str:
    return f"{result.n_before} days before and {result.n_after} after"


def describe_change(report: ChangeReport, result: ChangeResult) -> str:
    """One sentence for the patient: the adjusted change with its range, or why there is
    none yet."""
    when = _when(report)
    what = OUTCOME_LABELS[result.outcome].in_a_sentence
    if result.reason == "no_variation":
        return f"{when}, {what} stayed the same every day: no change to measure."
    if result.reason == "cannot_separate":
        others = " or ".join(t.removeprefix("on:") for t in result.cannot_separate_from)
        return (
            f"{when}: this change came together with {others}, so the journal cannot "
            f"tell their effects on {what} apart."
        )
    if not result.enough_data:
        return f"{when}: not enough data yet to tell whether {what} changed. " + _shortfall(result)
    if result.outcome == "spasm_count":
        logged = f"you logged {_size(result)}"
    else:
        logged = f"{what} was {_size(result)}"
    verdict = "An association, not proof."
    if not result.stands_out:
        verdict = (
            "The range includes no change: it could be chance."
            if (result.ci_low or 0) <= 0 <= (result.ci_high or 0)
            else "With everything else compared, this could still be chance."
        )
    return (
        f"{when}, {logged} ({_range(result)}), {allowing_for(result)} — based on "
        f"{_days(result)}. {verdict}"
    )


def _shortfall(result: ChangeResult) -> str:
    # Here, not at the top: the analysis module loads numpy, which pages that only show
    # its results need not pay for when the URLs load.
    from analysis.stats.treatment_effects import MIN_DAYS_EACH_SIDE

    days = (
        f"There are {_days(result)} (not counting the settling-in days); it needs at least "
        f"{MIN_DAYS_EACH_SIDE} on each side."
    )
    if result.more_days_needed:
        return f"{days} About {result.more_days_needed} more recorded days would help."
    if result.n_before < MIN_DAYS_EACH_SIDE:
        return f"{days} Too few days were recorded before the change."
    if result.reason == "did_not_fit":
        return (
            "The days could not be told apart from the triggers on them "
            "(for example, no spasms at all on one side)."
        )
    return days


def describe_for_clinician(report: ChangeReport, result: ChangeResult) -> str:
    """The same result in the third person, for the visit summary."""
    change = report.change
    verb = {"start": "was started", "stop": "was stopped", "dose": "dose was changed"}[change.kind]
    when = f"after {change.treatment} {verb} on {change.recorded_date:%-d %b %Y}"
    words = OUTCOME_LABELS[result.outcome]
    what = words.short if result.outcome == "spasm_count" else words.in_a_sentence
    subject = what[0].upper() + what[1:]
    if not result.enough_data:
        reason = (
            "came together with other changes"
            if result.reason == "cannot_separate"
            else f"{_days(result)}"
        )
        return f"{subject} {when}: not enough data to compare ({reason})."
    effect = result.effect or 0.0
    unit = "a day" if result.outcome == "spasm_count" else "points"
    moved = f"{'fell' if effect < 0 else 'rose'} by about {_num(effect)} {unit}"
    ratio = f"; rate ratio {result.rate_ratio:.2f}" if result.rate_ratio is not None else ""
    standing = "stands out" if result.stands_out else "does not stand out"
    return (
        f"{subject} {moved} {when} ({_range(result)}{ratio}; {_days(result)}, "
        f"{allowing_for(result).replace('allowing', 'adjusted')}); {standing}. "
        f"Association, not cause."
    )
