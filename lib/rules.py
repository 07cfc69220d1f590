"""The clinical rules and labels every report shares, each written once.

Plain Python, no Django: the journal's pages, the weekly review, the visit summary and the
trigger analysis all read their rules from here, and tests/lib/test_rules.py checks each one
against known answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

WEEK = dt.timedelta(days=7)

# The daily spasm frequency score of spasticity studies (Penn): the most spasms a day
# each score allows; more than the last band scores 5.
FREQUENCY_BANDS = ((0, 1), (1, 2), (5, 3), (9, 4))
FREQUENCY_TOP_SCORE = 5
FREQUENCY_SCORE_TEXT = "1 none, 2 one, 3 two to five, 4 six to nine, 5 ten or more"

# A pain that came with new or returning symptoms may be a relapse: the patient should
# tell their neurologist or MS nurse. As field values, so the database can filter on it.
POSSIBLE_RELAPSE = {"kind": "pain", "with_new_symptoms": True}

# Each of these can bring old symptoms back for a while without a true relapse
# (a pseudo-relapse), on the day or the day after.
OTHER_CAUSES = ("fever", "infection", "heat")
OTHER_CAUSE_LABELS = {"fever": "A fever", "infection": "An infection", "heat": "Heat"}

# The parts of daily life a pain can stop a patient doing, each rated 0–10.
INTERFERENCE_AREAS = ("sleep", "work", "sitting", "walking", "mood")

# The kinds of pain in a few words, for tables and charts (the forms explain them more).
PAIN_LABELS = {
    "nerve": "Nerve pain",
    "spasticity": "Stiffness or cramp",
    "musculoskeletal": "Back, hip or joint ache",
}


class TriggerLabel(NamedTuple):
    label: str  # in a list
    days: str  # the days it was there, plural
    a_day: str  # one such day
    short: str = ""  # on a narrow chart; empty for triggers no chart shows


TRIGGER_LABELS: dict[str, TriggerLabel] = {
    "heat": TriggerLabel("Heat", "hot days", "a hot day", "Hot"),
    "poor_sleep": TriggerLabel(
        "Poor sleep", "days after a poor night", "a poor night", "Poor night"
    ),
    "infection": TriggerLabel(
        "Infection or fever", "days with an infection or fever", "an infection day", "Infection"
    ),
    "hard_activity": TriggerLabel(
        "Over-exertion", "days you over-did it", "a day you over-did it", "Over-did it"
    ),
    "high_stress": TriggerLabel("High stress or low mood", "high-stress days", "a high-stress day"),
    "max_temp_c": TriggerLabel("Temperature", "temperature", ""),
    "sleep_hours": TriggerLabel("Hours of sleep", "hours of sleep", ""),
    "stress": TriggerLabel("Stress or low mood (0–10)", "stress score", ""),
    "steps": TriggerLabel("Steps", "step count", ""),
}

# A trigger in one word, where a before/after comparison says what it was adjusted for
# ("adjusted for heat and sleep"). Keyed as TRIGGER_LABELS, for the triggers a comparison
# adjusts for.
TRIGGER_WORDS = {
    "heat": "heat",
    "poor_sleep": "sleep",
    "infection": "infection",
    "hard_activity": "activity",
    "high_stress": "stress",
}


class OutcomeLabel(NamedTuple):
    label: str  # in a table or a list, with its scale
    in_a_sentence: str  # "… about 1.2 points lower for the worst pain of the day"
    short: str  # "on days with heat, worst pain was …"


# What the analysis measures of each day, every report's words for it.
OUTCOME_LABELS: dict[str, OutcomeLabel] = {
    "spasm_count": OutcomeLabel("spasms a day", "spasms a day", "spasms"),
    "spasm_severity_max": OutcomeLabel(
        "worst spasm (0–10)", "the worst spasm of the day", "worst spasm"
    ),
    "pain_max": OutcomeLabel("worst pain (0–10)", "the worst pain of the day", "worst pain"),
}


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week a date falls in."""
    return day - dt.timedelta(days=day.weekday())


def frequency_score(spasms: int) -> int:
    """The daily spasm frequency score: 1 none, 2 one, 3 two to five, 4 six to nine,
    5 ten or more in 24 hours."""
    for most, score in FREQUENCY_BANDS:
        if spasms <= most:
            return score
    return FREQUENCY_TOP_SCORE


def is_possible_relapse(kind: str, with_new_symptoms: bool) -> bool:
    return kind == POSSIBLE_RELAPSE["kind"] and with_new_symptoms is True


def other_causes(date: dt.date, triggers_by_day: dict[dt.date, dict]) -> list[str]:
    """Fever, infection or heat recorded on the date or the day before, in that order."""
    found = []
    for day in (date - dt.timedelta(days=1), date):
        for key in OTHER_CAUSES:
            if (triggers_by_day.get(day) or {}).get(key) and key not in found:
                found.append(key)
    return found


@dataclass(slots=True)
class EntryFact:
    """One entry as the reports read it: the patient's local date and labels, not codes."""

    date: dt.date
    kind: str
    severity: int
    regions: tuple[str, ...] = ()
    minutes: int | None = None
    pain_type: str = ""
    pattern: str = ""
    onset: str = ""
    with_new_symptoms: bool = False
    interference: dict[str, int] = field(default_factory=dict)
    example: str = ""
    tried: tuple[str, ...] = ()
    helped: str = ""
    relieved_by: tuple[str, ...] = ()
    id: int | None = None

    @property
    def is_possible_relapse(self) -> bool:
        return is_possible_relapse(self.kind, self.with_new_symptoms)
