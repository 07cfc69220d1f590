"""Treatment periods as plain facts, and the changes they make: no Django.

A period is one treatment at one dose from `started` to `stopped` (None: still going). A
dose change is a new period of the same treatment, so a treatment's periods, in order,
give its changes: the first start, each later period's start (a new dose), and the last
period's stop.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DEFAULT_SETTLE_DAYS = 7
# A before/after comparison reads no recorded day further than this from its change, so
# the day loader reads the journal from this long before the first treatment began.
MAX_SPAN_DAYS = 90
CHANGE_KINDS = ("start", "dose", "stop")


@dataclass(frozen=True)
class Period:
    treatment: str  # the treatment's name, as the patient wrote it
    started: dt.date
    stopped: dt.date | None = None  # the last day taken; None while still taken
    settle_days: int = DEFAULT_SETTLE_DAYS
    dose: float | None = None
    unit: str = ""
    treatment_id: int | None = None  # tells apart two treatments of the same name
    dose_label: str = ""  # "4 mg three times a day", as the patient's pages word it

    @property
    def key(self) -> tuple[int | None, str]:
        return self.treatment_id, self.treatment

    def covers(self, date: dt.date) -> bool:
        return self.started <= date and (self.stopped is None or date <= self.stopped)


@dataclass(frozen=True)
class Change:
    treatment: str
    kind: str  # "start", "dose" or "stop"
    date: dt.date  # the first day of the new state
    settle_days: int
    key: tuple[int | None, str]
    dose: float | None = None  # the dose from this change on (None for a stop)
    unit: str = ""

    @property
    def recorded_date(self) -> dt.date:
        """The date as the patient gave it: a stop's is the last day taken."""
        return self.date - dt.timedelta(days=1) if self.kind == "stop" else self.date


def by_treatment(periods: Iterable[Period]) -> dict[tuple[int | None, str], list[Period]]:
    """Each treatment's periods, oldest first."""
    grouped: dict[tuple[int | None, str], list[Period]] = defaultdict(list)
    for period in periods:
        grouped[period.key].append(period)
    return {key: sorted(found, key=lambda p: p.started) for key, found in grouped.items()}


def changes(periods: Iterable[Period]) -> list[Change]:
    """Every start, dose change and stop, oldest first."""
    found = []
    for key, own in by_treatment(periods).items():
        for i, period in enumerate(own):
            kind = "start" if i == 0 else "dose"
            found.append(
                Change(
                    period.treatment,
                    kind,
                    period.started,
                    period.settle_days,
                    key,
                    period.dose,
                    period.unit,
                )
            )
        last = own[-1]
        if last.stopped is not None:
            day_after = last.stopped + dt.timedelta(days=1)
            found.append(Change(last.treatment, "stop", day_after, last.settle_days, key))
    return sorted(found, key=lambda c: (c.date, c.treatment, CHANGE_KINDS.index(c.kind)))


def boundaries(own: Sequence[Period]) -> list[dt.date]:
    """The days one treatment's state changed: every period's first day and the day
    after its last."""
    found = set()
    for period in own:
        found.add(period.started)
        if period.stopped is not None:
            found.add(period.stopped + dt.timedelta(days=1))
    return sorted(found)


def on_treatment(periods: Sequence[Period], dates: Sequence[dt.date]) -> dict[str, np.ndarray]:
    """For each treatment, 1.0 on the dates some period of it covers and 0.0 elsewhere."""
    import numpy as np

    columns = {}
    for own in by_treatment(periods).values():
        name = own[0].treatment
        if name in columns:  # two treatments of one name: still two columns
            name = f"{name} ({own[0].treatment_id})"
        columns[name] = np.array([float(any(p.covers(date) for p in own)) for date in dates], float)
    return columns
