"""How long one reminders' pass takes when 100,000 people are due in the same minute.

Makes the people and their plans with bulk_create (a check-in reminder at 08:00 by
e-mail, every one of them due at the pass's moment), runs one pass of
`reminders.schedule.send_due_reminders`, and checks that every reminder went out once.
The e-mails go to Django's in-memory outbox (locmem), so the figure is the pass's own
work: finding, claiming, judging and handing each message over. The floor is a bare
loop over the same rows, timed in the same run: read each plan with its person, write its
claim row (bulk), hand one e-mail to the same backend.

    .venv/bin/python bench/reminders.py [--people 100000]

Runs against a throwaway SQLite file, or against PostgreSQL when DATABASE_URL is set
(in a throwaway test database beside the named one). It reports; it never fails on time.
"""

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import django_ready, throwaway_database  # noqa: E402

django_ready()

from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from reminders.models import ReminderPlan, SentReminder  # noqa: E402
from reminders.schedule import send_due_reminders  # noqa: E402

NOW = dt.datetime(2025, 6, 2, 8, tzinfo=dt.UTC)


def make_people(count: int) -> None:
    User.objects.bulk_create(
        (User(email=f"p{n}@example.com") for n in range(count)),
        batch_size=5000,
    )
    ReminderPlan.objects.bulk_create(
        (
            ReminderPlan(person_id=pk, check_in_by="email", check_in_at=dt.time(8))
            for pk in User.objects.values_list("pk", flat=True).iterator()
        ),
        batch_size=5000,
    )


def time_pass() -> tuple[float, int]:
    began = time.perf_counter()
    result = send_due_reminders(NOW)
    took = time.perf_counter() - began
    if result.sent != len(mail.outbox) or result.failed:
        raise SystemExit(f"the pass went wrong: {result}, {len(mail.outbox)} e-mails")
    return took, result.sent


def time_floor() -> float:
    plans = ReminderPlan.objects.select_related("person").order_by("person_id")
    began = time.perf_counter()
    claims = []
    for plan in plans.iterator(chunk_size=2000):
        claims.append(
            SentReminder(
                person_id=plan.person_id,
                kind="check_in",
                local_date=NOW.date(),
                due_at=NOW,
                channel="email",
            )
        )
        mail.EmailMessage("Time for today’s check-in", "…", to=[plan.person.email]).send()
    SentReminder.objects.bulk_create(claims, batch_size=2000)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    with throwaway_database():
        began = time.perf_counter()
        make_people(args.people)
        print(
            f"{connection.vendor}: {args.people:,} people due at the same minute "
            f"(made in {time.perf_counter() - began:.1f} s), {os.cpu_count()} cores"
        )
        took, sent = time_pass()
        print(f"one pass: {sent:,} reminders sent in {took:.2f} s ({sent / took:,.0f} a second)")
        again = time.perf_counter()
        if send_due_reminders(NOW).sent:
            raise SystemExit("a second pass at the same minute sent reminders again")
        print(f"the same minute again: nothing sent, in {time.perf_counter() - again:.2f} s")
        SentReminder.objects.all().delete()
        mail.outbox.clear()
        floor = time_floor()
        print(f"floor: a bare loop over the same rows in {floor:.2f} s")
        print(f"ratio (pass / floor): {took / floor:.1f}x")


if __name__ == "__main__":
    main()
