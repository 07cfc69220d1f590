"""When a time of day comes, in a zone, on the days its clocks change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reminders.clock import dose_number, due_moment, in_quiet_hours, is_due, spread_times

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "zone, day, at, expected",
    [
        # An ordinary day: the local time, once.
        (LONDON, dt.date(2025, 6, 2), dt.time(8), utc(2025, 6, 2, 7)),
        # 08:00 on the days the clocks change is still 08:00 local.
        (LONDON, dt.date(2025, 3, 30), dt.time(8), utc(2025, 3, 30, 7)),
        (LONDON, dt.date(2025, 10, 26), dt.time(8), utc(2025, 10, 26, 8)),
        (NEW_YORK, dt.date(2025, 3, 9), dt.time(8), utc(2025, 3, 9, 12)),
        (NEW_YORK, dt.date(2025, 11, 2), dt.time(8), utc(2025, 11, 2, 13)),
        # In spring's gap (01:00 jumps to 02:00): the moment the clock jumps.
        (LONDON, dt.date(2025, 3, 30), dt.time(1, 30), utc(2025, 3, 30, 1)),
        (NEW_YORK, dt.date(2025, 3, 9), dt.time(2, 30), utc(2025, 3, 9, 7)),
        # Lord Howe moves by half an hour: 02:00 jumps to 02:30 (UTC+10:30 to +11).
        (LORD_HOWE, dt.date(2025, 10, 5), dt.time(2, 15), utc(2025, 10, 4, 15, 30)),
        # In autumn's repeated hour: its first time round.
        (LONDON, dt.date(2025, 10, 26), dt.time(1, 30), utc(2025, 10, 26, 0, 30)),
        (NEW_YORK, dt.date(2025, 11, 2), dt.time(1, 30), utc(2025, 11, 2, 5, 30)),
        (LORD_HOWE, dt.date(2025, 4, 6), dt.time(1, 45), utc(2025, 4, 5, 14, 45)),
    ],
)
def test_a_time_of_day_comes_at_its_local_moment_across_clock_changes(zone, day, at, expected):
    assert due_moment(day, at, zone) == expected


def test_a_reminder_more_than_an_hour_late_is_no_longer_due():
    due = utc(2025, 6, 2, 7)
    assert not is_due(due, due - dt.timedelta(seconds=1))
    assert is_due(due, due)
    assert is_due(due, due + dt.timedelta(hours=1))
    assert not is_due(due, due + dt.timedelta(hours=1, seconds=1))


def test_quiet_hours_may_wrap_past_midnight():
    night = (dt.time(22), dt.time(7))
    assert in_quiet_hours(dt.time(23, 30), *night)
    assert in_quiet_hours(dt.time(6, 59), *night)
    assert not in_quiet_hours(dt.time(7), *night)
    assert not in_quiet_hours(dt.time(21, 59), *night)
    afternoon = (dt.time(13), dt.time(15))
    assert in_quiet_hours(dt.time(14), *afternoon)
    assert not in_quiet_hours(dt.time(16), *afternoon)
    assert not in_quiet_hours(dt.time(3), None, None)


def test_times_a_day_spread_over_the_waking_day():
    hours = lambda n: [f"{t:%H:%M}" for t in spread_times(n)]  # noqa: E731
    assert hours(1) == ["08:00"]
    assert hours(2) == ["08:00", "20:00"]
    assert hours(3) == ["08:00", "14:00", "20:00"]
    assert hours(4) == ["08:00", "12:00", "16:00", "20:00"]
    assert len(set(spread_times(24))) == 24


def test_the_kth_dose_of_the_day_is_counted_from_the_days_times():
    times = [dt.time(8), dt.time(14), dt.time(20)]
    assert [dose_number(times, t) for t in times] == [1, 2, 3]
    assert dose_number(times, dt.time(7)) == 1  # a time since changed
