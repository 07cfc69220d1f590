"""Analysis results in plain words. Association, never cause."""

from __future__ import annotations

from typing import NamedTuple

from analysis.stats.associations import (
    JOINT_LAG,
    MIN_DAYS_EACH_SIDE,
    MIN_DAYS_TOTAL,
    MIN_PAIRS_CONTINUOUS,
    Result,
)
from lib.rules import OUTCOME_LABELS, TRIGGER_LABELS


class StepWords(NamedTuple):
    subject: str  # the trigger rising, as a sentence's subject
    step: str  # one step up its scale
    per_step: str  # one step up, opening a sentence


# The words for each trigger measured on a scale, all in one place.
STEP_WORDS: dict[str, StepWords] = {
    "max_temp_c": StepWords("Warmer days", "each 5 °C warmer", "For each 5 °C warmer"),
    "sleep_hours": StepWords("More sleep", "each hour more", "For each hour more of sleep"),
    "stress": StepWords(
        "More stress or low mood", "each point more", "For each point more of stress or low mood"
    ),
    "steps": StepWords("More steps", "each 1,000 steps more", "For each 1,000 steps more"),
}


def continuous_subject(trigger: str) -> str:
    """A trigger on a scale with its step: "Warmer days (each 5 °C warmer)"."""
    words = STEP_WORDS[trigger]
    return f"{words.subject} ({words.step})"


# A trigger judged over a spell (the day itself and the day before together), by name;
# any other is "runs of" its days.
SPELLS = {
    "heat": "hot spells",
    "poor_sleep": "runs of poor nights",
    "infection": "spells of infection or fever",
}
SPELL_DAYS = "the day itself or the day after"


def spells_of(trigger: str) -> str:
    return SPELLS.get(trigger) or f"runs of {days_with(trigger)[0]}"


def same_or_next_day(result: Result) -> str:
    if result.lag_days == JOINT_LAG:
        return "the same day or the next"
    return "the same day" if result.lag_days == 0 else "the next day"


def after_the_trigger(result: Result, short: bool = False) -> str:
    """When the outcome was logged, to follow a label after a comma: nothing for the same
    day, ", the next day" (", next day" when `short`), or both days for a spell."""
    if result.lag_days == JOINT_LAG:
        return ", same or next day" if short else f", {SPELL_DAYS}"
    if result.lag_days:
        return ", next day" if short else ", the next day"
    return ""


def on_days(result: Result) -> tuple[str, str]:
    """A yes/no trigger's days as a sentence opens ("On hot days", "The day after a hot
    day", "In hot spells (the day itself or the day after)"), and as it counts them ("hot
    days", "days in or after hot spells")."""
    plural, singular = days_with(result.trigger)
    if result.lag_days == JOINT_LAG:
        spells = spells_of(result.trigger)
        return f"In {spells} ({SPELL_DAYS})", f"days in or after {spells}"
    when = f"On {plural}" if result.lag_days == 0 else f"The day after {singular}"
    return when, plural


def judged_together(result: Result) -> str:
    """Why a spell's result covers two days: its days come in runs."""
    if result.kind == "continuous":
        runs = f"{trigger_label(result.trigger)} changes little from one day to the next"
    else:
        runs = f"{days_with(result.trigger)[0].capitalize()} come in runs"
    return f"{runs}, so the day itself and the day after are judged together."


def trigger_label(trigger: str) -> str:
    if trigger.startswith("tag:"):
        return trigger[4:].capitalize()
    return TRIGGER_LABELS[trigger].label


def days_with(trigger: str) -> tuple[str, str]:
    if trigger.startswith("tag:"):
        name = trigger[4:]
        return f"“{name}” days", f"a “{name}” day"
    return TRIGGER_LABELS[trigger].days, TRIGGER_LABELS[trigger].a_day


def signed_number(value: float, places: int = 1) -> str:
    """A number as read aloud: a true minus sign, and never "−0.0"."""
    text = f"{value:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def _change(result: Result) -> str:
    effect = result.effect or 0.0
    size = signed_number(abs(effect))
    if result.outcome == "spasm_count":
        return f"{size} {'more' if effect >= 0 else 'fewer'} spasms"
    what = "worst spasm" if result.outcome == "spasm_severity_max" else "worst pain"
    return f"a {what} {size} points {'higher' if effect >= 0 else 'lower'}"


def describe(result: Result) -> str:
    """One sentence a patient can read: the adjusted effect, its 95% range and how many
    days, or why there is none yet."""
    if result.reason == "cannot_separate":
        return cannot_separate(result)
    if result.kind == "continuous":
        return _describe_continuous(result)
    when, plural = on_days(result)
    if not result.enough_data:
        return _not_enough(
            result,
            f"{result.n_with} {plural} and {result.n_without} others "
            f"(needs at least {MIN_DAYS_EACH_SIDE} of each, over "
            f"{MIN_DAYS_TOTAL} days or more)",
        )
    return _with_spell_note(
        result,
        f"{when} you logged {_change(result)} than on other days{_interval(result)}, "
        f"once your other triggers are allowed for: "
        f"{result.n_with} {plural} vs {result.n_without} others.",
    )


def _with_spell_note(result: Result, sentence: str) -> str:
    if result.lag_days == JOINT_LAG:
        return f"{sentence} {judged_together(result)}"
    return sentence


def describe_plain(result: Result) -> str | None:
    """The plain averages on each side, not adjusted for anything: description only."""
    if result.kind != "binary" or result.mean_with is None:
        return None
    when, _ = on_days(result)
    what = OUTCOME_LABELS[result.outcome].label
    if result.outcome != "spasm_count":
        what = "a " + what.replace(" (0–10)", "") + " of"
        return (
            f"{when} you logged {what} {signed_number(result.mean_with)} on average, "
            f"on other days {signed_number(result.mean_without)}."
        )
    return (
        f"{when} you logged {signed_number(result.mean_with)} {what} on average, "
        f"on other days {signed_number(result.mean_without)}."
    )


def cannot_separate(result: Result) -> str:
    """Why two triggers (or one trigger's same day and next day) get words, not a number."""
    plural, _ = days_with(result.trigger)
    others = [t for t in result.cannot_separate_from if t != result.trigger]
    if others:
        names = " or ".join(days_with(t)[0] for t in others)
        return (
            f"{plural.capitalize()} and {names} mostly coincide, so the journal cannot "
            f"tell them apart yet."
        )
    if result.cannot_separate_from:
        # Its same day and day before are each other's opposite (days that come in runs are
        # judged together instead).
        return (
            f"{plural.capitalize()} come every other day, so the journal cannot yet tell "
            f"the same day from the next."
        )
    return (
        f"{plural.capitalize()} go together with a mix of your other triggers, so the "
        f"journal cannot tell them apart yet."
    )


def _not_enough(result: Result, days: str) -> str:
    more = (
        f" About {result.more_days_needed} more recorded days would help."
        if result.more_days_needed
        else ""
    )
    if result.reason == "did_not_fit":
        return f"Not enough data yet to tell this apart from your other triggers: {days}.{more}"
    return f"Not enough data yet: {days}.{more}"


def _interval(result: Result) -> str:
    """The 95% range, and for counts the same effect as a multiple, in brackets."""
    parts = []
    if result.ci_low is not None:
        parts.append(f"95% range {signed_number(result.ci_low)} to {signed_number(result.ci_high)}")
    if result.rate_ratio is not None:
        parts.append(f"about {signed_number(result.rate_ratio)} times as many")
    return f" ({'; '.join(parts)})" if parts else ""


def _describe_continuous(result: Result) -> str:
    label = trigger_label(result.trigger).lower()
    if not result.enough_data:
        return _not_enough(
            result,
            f"{result.n_with} days with {label} recorded "
            f"(needs at least {MIN_PAIRS_CONTINUOUS}, and some variation)",
        )
    return _with_spell_note(
        result,
        f"{continuous_subject(result.trigger)} went with "
        f"{_change(result)}{_interval(result)} {same_or_next_day(result)}, once your other "
        f"triggers are allowed for ({result.n_with} days).",
    )


# --- Plain findings: what the page leads with ------------------------------------------


def _about(value: float, result: Result) -> str:
    """A size a person reads at a glance: whole numbers when the effect is 1.5 or more,
    else one decimal, the same for the effect and its range."""
    whole = abs(result.effect or 0.0) >= 1.5
    return f"{abs(value):.0f}" if whole else signed_number(abs(value))


def _more_or_less(result: Result, value: float) -> str:
    if result.outcome == "spasm_count":
        return "more" if value >= 0 else "fewer"
    return "higher" if value >= 0 else "lower"


def _what_changed(result: Result) -> str:
    effect = result.effect or 0.0
    size = _about(effect, result)
    if result.outcome == "spasm_count":
        noun = "spasm" if size == "1" else "spasms"
        return f"you had about {size} {_more_or_less(result, effect)} {noun}"
    what = "worst spasm" if result.outcome == "spasm_severity_max" else "worst pain"
    return f"your {what} was about {size} points {_more_or_less(result, effect)}"


def _likely_range(result: Result) -> str:
    low, high = result.ci_low or 0.0, result.ci_high or 0.0
    if (low >= 0) == (high >= 0):
        near, far = sorted((low, high), key=abs)
        return (
            f"likely between {_about(near, result)} and {_about(far, result)} "
            f"{_more_or_less(result, far)}"
        )
    return (
        f"likely between {_about(low, result)} {_more_or_less(result, low)} and "
        f"{_about(high, result)} {_more_or_less(result, high)}"
    )


def short_label(trigger: str) -> str:
    """The trigger's name without its scale, for a chart row."""
    return trigger_label(trigger).split(" (")[0]


def finding_sentence(result: Result) -> str:
    """One plain sentence for a result that stands out: its size, a likely range, and the
    days it rests on. It says what went together, never what caused what."""
    if result.kind == "continuous":
        when = STEP_WORDS[result.trigger].per_step + after_the_trigger(result)
        return (
            f"{when} {_what_changed(result)}, {_likely_range(result)} — "
            f"based on {result.n_with} days."
        )
    when, plural = on_days(result)
    return (
        f"{when} {_what_changed(result)}, {_likely_range(result)} — "
        f"based on {result.n_with} {plural}."
    )


def finding_label(result: Result) -> str:
    """A short row label for the findings picture: trigger, and what it went with."""
    what = OUTCOME_LABELS[result.outcome].short
    return f"{short_label(result.trigger)}{after_the_trigger(result, short=True)} · {what}"


def not_enough_yet(result: Result) -> str:
    """Why a trigger has no result yet, and how many more days would help."""
    if result.reason == "cannot_separate":
        return cannot_separate(result)
    more = result.more_days_needed
    return "Not enough data yet" + (
        f": about {more} more recorded days would help." if more else "."
    )


# --- Temperatures from the weather -------------------------------------------------------


def outside(sentence: str, result: Result, threshold: str) -> str:
    """A finding on heat or temperature when the journal's temperatures are mostly the
    weather's, saying so: the heat was the day's outside, not a hot room or bath.
    "On hot days (27 °C or more outside, or overheated) you had about 2 more spasms…"."""
    if result.trigger == "heat" and result.lag_days == 0:
        opening = on_days(result)[0]
        return sentence.replace(opening, f"{opening} ({threshold} or more outside, or overheated)")
    if result.trigger == "heat" and result.lag_days == JOINT_LAG:
        opening = on_days(result)[0]
        return sentence.replace(opening, opening.replace("(", f"({threshold} or more outside: ", 1))
    if result.trigger == "max_temp_c":
        per_step = STEP_WORDS["max_temp_c"].per_step
        return sentence.replace(per_step, f"{per_step} outside")
    return sentence
