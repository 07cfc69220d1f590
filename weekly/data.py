"""Load one patient's weekly review: the week and the four before it, in one read."""

import datetime as dt

from analysis.days import journal_days
from lib.rules import WEEK
from weekly.summary import BASELINE_WEEKS, WeeklyReview, review


def load_review(patient, start: dt.date) -> WeeklyReview:
    journal = journal_days(patient, start - BASELINE_WEEKS * WEEK, start + dt.timedelta(days=6))
    today = patient.today()
    return review(start, journal.entries, journal.check_ins, today=today)
