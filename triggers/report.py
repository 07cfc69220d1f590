"""The trigger report for one patient and a date range, shared by the page and the command."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from triggers.analysis import Day, Result, analyse
from triggers.daily import own_trigger_keys, recorded_days


@dataclass
class TriggerReport:
    first: dt.date
    last: dt.date
    days: list[Day]
    results: list[Result]

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


def trigger_report(
    patient, first: dt.date | None = None, last: dt.date | None = None
) -> TriggerReport:
    last = last or timezone.localdate(timezone=patient.zone)
    days = recorded_days(patient, first, last)
    if first is None:
        first = days[0].date if days else last
    return TriggerReport(first, last, days, analyse(days, extra_binary=own_trigger_keys(patient)))
