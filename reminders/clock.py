"""When a reminder is due, in a person's own zone and right across daylight-saving changes.

Plain Python, no Django: the rules are tested on their own, on any day of any zone.

- A time of day comes once a local day. In autumn's repeated hour it comes the first
  time round; in spring's gap (the clock jumps from 01:00 to 02:00, or in Lord Howe from
  02:00 to 02:30) it comes at the first moment after the gap. So an 08:00 reminder comes
  once at 08:00 local, never twice and never skipped.
- A reminder more than an hour late (the server was down) is dropped, never sent at night.
- Quiet hours may wrap past midnight (22:00 to 07:00); a reminder due inside them is
  skipped, not held until they end: a pile of reminders at 07:00 helps nobody.
"""

import datetime as dt
from zoneinfo import ZoneInfo

LATE_LIMIT = dt.timedelta(hours=1)

# A regular medicine without times of its own is spread over the waking day: once a day
# at 08:00, twice at 08:00 and 20:00, three times at 08:00, 14:00 and 20:00, and so on,
# evenly from the first dose to the last.
FIRST_DOSE = dt.time(8, 0)
LAST_DOSE = dt.time(20, 0)
# "Nothing logged for N days" comes at midday: late enough that the morning could have
# brought an entry, early enough not to nag at bedtime.
NUDGE_AT = dt.time(12, 0)
# The week just ended is ready on Monday morning.
WEEK_READY_AT = dt.time(9, 0)


def _wall(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def due_moment(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The instant (in UTC) the clocks of `zone` first show `at` on local date `day`."""
    wall = dt.datetime.combine(day, at)
    first = wall.replace(tzinfo=zone).astimezone(dt.UTC)
    if _wall(first, zone) == wall:
        return first  # fold=0 is the first of a repeated hour's two
    # In the gap: the two readings of the missing time lie either side of the jump, and
    # the jump is the first moment the clock shows `at` or later. Find it to the second.
    low, high = sorted([wall.replace(tzinfo=zone, fold=1).astimezone(dt.UTC), first])
    seconds = int((high - low).total_seconds())
    before, after = 0, seconds
    while after - before > 1:
        middle = (before + after) // 2
        if _wall(low + dt.timedelta(seconds=middle), zone) >= wall:
            after = middle
        else:
            before = middle
    return low + dt.timedelta(seconds=after)


def local_days(now: dt.datetime, zone: ZoneInfo) -> list[dt.date]:
    """The local dates whose reminders may still be due at `now`: today, and yesterday
    for a late-evening reminder served just after midnight."""
    today = now.astimezone(zone).date()
    return [today - dt.timedelta(days=1), today]


def is_due(due_at: dt.datetime, now: dt.datetime) -> bool:
    """Its moment has come, and no more than an hour ago."""
    return now - LATE_LIMIT <= due_at <= now


def in_quiet_hours(at: dt.time, start: dt.time | None, end: dt.time | None) -> bool:
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end  # past midnight


def spread_times(times_a_day: int) -> list[dt.time]:
    """Times a day spread evenly from FIRST_DOSE to LAST_DOSE, to the minute."""
    first = FIRST_DOSE.hour * 60 + FIRST_DOSE.minute
    if times_a_day <= 1:
        return [FIRST_DOSE]
    span = LAST_DOSE.hour * 60 + LAST_DOSE.minute - first
    minutes = [first + round(span * k / (times_a_day - 1)) for k in range(times_a_day)]
    return [dt.time(m // 60, m % 60) for m in minutes]


def dose_number(times: list[dt.time], at: dt.time) -> int:
    """Which dose of the day the one at `at` is (1 for the first): the k-th dose's
    reminder is skipped once k doses are logged that day. A time no longer in the list
    (changed since) counts the times before it."""
    return max(1, sum(1 for t in times if t <= at))
