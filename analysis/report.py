"""The trigger report for one patient and a date range, shared by the page, the visit
summary and the command."""

import datetime as dt
from dataclasses import dataclass

from analysis.days import JournalDays
from analysis.stats.associations import Day, Result, analyse


@dataclass
class TriggerReport:
    first: dt.date
    last: dt.date
    days: list[Day]
    results: list[Result]
    # Most temperatures are the weather's: a finding on heat says it was outside.
    temperatures_from_weather: bool = False

    @property
    def days_recorded(self) -> int:
        return len(self.days)

    def as_dict(self) -> dict:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "days_recorded": self.days_recorded,
            "results": [r.as_dict() for r in self.results],
        }


def trigger_report(journal: JournalDays) -> TriggerReport:
    """The analysis of the loaded range; an open start begins at the first recorded day."""
    days = journal.days
    first = journal.first or (days[0].date if days else journal.last)
    results = analyse(days, extra_binary=journal.own_triggers, periods=journal.periods)
    return TriggerReport(first, journal.last, days, results, journal.temperatures_from_weather)
