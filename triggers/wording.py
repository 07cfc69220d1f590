"""Analysis results in plain words. Association, never cause."""

from __future__ import annotations

from symptoms.rules import TRIGGER_LABELS
from triggers.analysis import MIN_DAYS_EACH_SIDE, MIN_DAYS_TOTAL, MIN_PAIRS_CONTINUOUS, Result

CONTINUOUS_SUBJECTS = {
    "max_temp_c": "Warmer days",
    "sleep_hours": "More sleep",
    "stress": "More stress or low mood",
    "steps": "More steps",
}
OUTCOME_LABELS = {
    "spasm_count": "spasms a day",
    "spasm_severity_max": "worst spasm (0–10)",
    "pain_max": "worst pain (0–10)",
}


def trigger_label(trigger: str) -> str:
    if trigger.startswith("tag:"):
        return trigger[4:].capitalize()
    return TRIGGER_LABELS[trigger].label


def days_with(trigger: str) -> tuple[str, str]:
    if trigger.startswith("tag:"):
        name = trigger[4:]
        return f"“{name}” days", f"a “{name}” day"
    return TRIGGER_LABELS[trigger].days, TRIGGER_LABELS[trigger].a_day


def _num(value: float, places: int = 1) -> str:
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def _change(result: Result) -> str:
    effect = result.effect or 0.0
    size = _num(abs(effect))
    if result.outcome == "spasm_count":
        return f"{size} {'more' if effect >= 0 else 'fewer'} spasms"
    what = "worst spasm" if result.outcome == "spasm_severity_max" else "worst pain"
    return f"a {what} {size} points {'higher' if effect >= 0 else 'lower'}"


def describe(result: Result) -> str:
    """One sentence a patient can read: effect, its 95% range and how many days."""
    if result.kind == "continuous":
        return _describe_continuous(result)
    plural, singular = days_with(result.trigger)
    if not result.enough_data:
        return (
            f"Not enough data yet: {result.n_with} {plural} and {result.n_without} others "
            f"(needs at least {MIN_DAYS_EACH_SIDE} of each, over {MIN_DAYS_TOTAL} days or more)."
        )
    when = f"On {plural}" if result.lag_days == 0 else f"The day after {singular}"
    interval = (
        f" (95% range {_num(result.ci_low)} to {_num(result.ci_high)})"
        if result.ci_low is not None
        else ""
    )
    return (
        f"{when} you logged {_change(result)}{interval} than on other days: "
        f"{result.n_with} {plural} vs {result.n_without} others."
    )


def _describe_continuous(result: Result) -> str:
    label = trigger_label(result.trigger).lower()
    if not result.enough_data:
        return (
            f"Not enough data yet: {result.n_with} days with {label} recorded "
            f"(needs at least {MIN_PAIRS_CONTINUOUS}, and some variation)."
        )
    rising = (result.effect or 0) >= 0
    outcome = {
        "spasm_count": "more spasms" if rising else "fewer spasms",
        "spasm_severity_max": "worse spasms" if rising else "milder spasms",
        "pain_max": "worse pain" if rising else "milder pain",
    }[result.outcome]
    when = "the same day" if result.lag_days == 0 else "the next day"
    return (
        f"{CONTINUOUS_SUBJECTS[result.trigger]} went with {outcome} {when} "
        f"(rank correlation {_num(result.effect, 2)}, 95% range {_num(result.ci_low, 2)} to "
        f"{_num(result.ci_high, 2)}; {result.n_with} days)."
    )
