"""Trigger results for the neurologist: the same figures as the patient's trigger page,
said in the third person. An association, never a cause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.wording import continuous_subject, on_days, same_or_next_day, signed_number

if TYPE_CHECKING:
    from analysis.stats.associations import Result


def _change(result: Result) -> str:
    """ "2.0 more spasms were logged" or "the worst pain of the day was 1.5 points higher"."""
    effect = result.effect or 0.0
    if result.outcome == "spasm_count":
        return (
            f"{signed_number(abs(effect))} {'more' if effect >= 0 else 'fewer'} spasms were logged"
        )
    what = "worst spasm" if result.outcome == "spasm_severity_max" else "worst pain"
    return (
        f"the {what} of the day was {signed_number(abs(effect))} points "
        f"{'higher' if effect >= 0 else 'lower'}"
    )


def _interval(result: Result) -> str:
    parts = []
    if result.ci_low is not None and result.ci_high is not None:
        parts.append(f"95% range {signed_number(result.ci_low)} to {signed_number(result.ci_high)}")
    if result.rate_ratio is not None:
        parts.append(f"rate ratio {signed_number(result.rate_ratio)}")
    return f" ({'; '.join(parts)})" if parts else ""


def trigger_for_clinician(result: Result) -> str:
    """One sentence for a trigger result that stands out, e.g. "On hot days, 2.0 more
    spasms were logged than on other days (95% range 0.8 to 3.2; rate ratio 1.6), allowing
    for the other triggers: 20 hot days vs 40 others." """
    if result.kind == "continuous":
        return (
            f"{continuous_subject(result.trigger)}: {same_or_next_day(result)}, "
            f"{_change(result)}{_interval(result)}, allowing for the other triggers "
            f"({result.n_with} days)."
        )
    when, plural = on_days(result)
    return (
        f"{when}, {_change(result)} than on other days{_interval(result)}, allowing for "
        f"the other triggers: {result.n_with} {plural} vs {result.n_without} others."
    )
