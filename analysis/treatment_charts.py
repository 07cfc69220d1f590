"""The before/after chart of one treatment: the day's outcome over time with the
treatment's periods shaded, drawn on the server as SVG like the trigger page's charts."""

from __future__ import annotations

import datetime as dt

from django.utils.safestring import SafeString

from analysis.charts import day_chart
from analysis.stats.associations import Day
from analysis.stats.periods import Period
from lib.svg import nice_ceiling

TAKEN_BAND = "#b9dcc9"
SETTLING_BAND = "#e3f1e9"


def _days_on(periods: list[Period], dates: list[dt.date], settling: bool) -> list[bool]:
    """Whether each date falls in a period's settling-in days (settling) or after them."""

    def on(date: dt.date, period: Period) -> bool:
        if date < period.started or (period.stopped and date > period.stopped):
            return False
        settled = date >= period.started + dt.timedelta(days=period.settle_days)
        return settled != settling

    return [any(on(date, p) for p in periods) for date in dates]


def before_after(
    days: list[Day], periods: list[Period], first: dt.date, last: dt.date
) -> SafeString:
    """Spasms a day (bars) and worst pain (line) from first to last, unrecorded days as
    gaps, the days the treatment was taken shaded (paler while it settles in)."""
    by_date = {d.date: d for d in days}
    dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    spasms = [by_date[d].outcomes["spasm_count"] if d in by_date else None for d in dates]
    pain = [by_date[d].outcomes["pain_max"] if d in by_date else None for d in dates]
    return day_chart(
        first,
        len(dates),
        "Spasms a day and worst pain, with the days the treatment was taken shaded",
        bars=spasms,
        line=pain,
        bands=[
            (_days_on(periods, dates, settling=False), TAKEN_BAND),
            (_days_on(periods, dates, settling=True), SETTLING_BAND),
        ],
        ymax=max(10, nice_ceiling(max((v for v in spasms if v is not None), default=0))),
    )
