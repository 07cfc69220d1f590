"""How long one reminders' pass takes when 100,000 people are due in the same minute, each
reminder sent by Web Push to a push service that decrypts it.

Makes the people, their plans (a check-in reminder at 08:00 by push) and one push
subscription each with bulk_create, runs one pass of `reminders.schedule.send_due_reminders`
and checks that the push service decrypted exactly one notification a person. The push
service is tests/support/push_service.py (RFC 8030 on 127.0.0.1: it checks each POST's
VAPID signature and decrypts its body with that browser's own keys), run in a process of
its own, as a real one runs elsewhere; PUSH_SERVICE_HOSTS allows it alone. Every person
has a browser key pair of their own (making a P-256 key takes about 15 µs).

The floor is a bare loop over the same rows, timed in the same run, doing what no pass
can avoid for each person: read the plan, the person and the subscription in one query,
write the claim row (bulk), and make one `webpush()` call to the same push service, with
the same key and session settings. The ratio (pass / floor) is the pass's own overhead:
finding what is due, claiming it, judging it and recording the outcome. The same minute
is then passed again, when nothing is due (every reminder claimed), as every minute of
the day but one is.

    .venv/bin/python bench/reminders.py [--people 20000]

Each push costs a few milliseconds on both sides (encrypting and signing here, a new
connection, checking and decrypting there), so the default (20,000) runs in a couple of
minutes; --people 100000 works and takes about 15 (docs/performance.md). Runs against a
throwaway SQLite file, or against PostgreSQL when DATABASE_URL is set (in a throwaway test
database beside the named one). It reports the number of queries each pass made; it
never fails on time.
"""

import argparse
import datetime as dt
import json
import multiprocessing
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.setup import counting_queries, django_ready, throwaway_database  # noqa: E402

django_ready()

import requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from pywebpush import webpush  # noqa: E402

from accounts.models import User  # noqa: E402
from reminders.models import PushSubscription, ReminderPlan, SentReminder  # noqa: E402
from reminders.push import TIME_TO_LIVE, _vapid, application_server_key  # noqa: E402
from reminders.schedule import send_due_reminders  # noqa: E402
from tests.support.push_service import PushService, push_service  # noqa: E402

NOW = dt.datetime(2025, 6, 2, 8, tzinfo=dt.UTC)


# ---- The push service, in a process of its own -----------------------------------------


class CountingService(PushService):
    """Decrypts every notification as the tests' service does, but keeps a count, not
    100,000 notifications."""

    decrypted = 0

    def take(self, path: str, headers: dict, body: bytes) -> int:
        status = super().take(path, headers, body)
        self.received.clear()
        self.hits.clear()
        if status == 201:
            self.decrypted += 1
        return status


def serve(pipe) -> None:
    """The push service's process: answers "browsers N" with N subscriptions' JSON,
    "count" with (decrypted, refused) since the last count, "stop" by stopping."""
    with push_service(CountingService()) as service:
        pipe.send(service.allow_entry)
        while (order := pipe.recv()) != "stop":
            if order == "count":
                pipe.send((service.decrypted, service.refused[:3]))
                service.decrypted = 0
                service.refused.clear()
            else:
                pipe.send([service.browser().to_json() for _ in range(int(order.split()[1]))])


@contextmanager
def separate_push_service():
    ours, theirs = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(target=serve, args=(theirs,))
    process.start()
    try:
        settings.PUSH_SERVICE_HOSTS = [ours.recv()]
        yield ours
    finally:
        ours.send("stop")
        process.join(timeout=10)


def decrypted(service, expected: int, what: str) -> int:
    service.send("count")
    count, refused = service.recv()
    if count != expected:
        raise SystemExit(f"{what}: {count:,} decrypted, not {expected:,}; refused: {refused}")
    return count


# ---- The people ------------------------------------------------------------------------


def make_people(count: int, service) -> None:
    User.objects.bulk_create(
        (User(email=f"p{n}@example.com") for n in range(count)), batch_size=5000
    )
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    ReminderPlan.objects.bulk_create(
        (ReminderPlan(person_id=pk, check_in_by="push", check_in_at=dt.time(8)) for pk in ids),
        batch_size=5000,
    )
    service.send(f"browsers {count}")
    browsers = service.recv()
    PushSubscription.objects.bulk_create(
        (
            PushSubscription(person_id=pk, endpoint=browser["endpoint"], **browser["keys"])
            for pk, browser in zip(ids, browsers, strict=True)
        ),
        batch_size=5000,
    )


def timed_pass() -> tuple[float, int, int]:
    with counting_queries() as queries:
        began = time.perf_counter()
        result = send_due_reminders(NOW)
        took = time.perf_counter() - began
    if result.failed:
        raise SystemExit(f"the pass went wrong: {result}")
    return took, result.sent, queries[0]


def time_floor() -> float:
    rows = ReminderPlan.objects.order_by("person_id").values_list(
        "person_id",
        "check_in_at",
        "person__journal_key",
        "person__push_subscriptions__endpoint",
        "person__push_subscriptions__p256dh",
        "person__push_subscriptions__auth",
    )
    session = requests.Session()
    session.trust_env = False
    vapid = _vapid()
    began = time.perf_counter()
    claims = []
    for person_id, at, journal, endpoint, p256dh, auth in rows.iterator(chunk_size=2000):
        claims.append(
            SentReminder(
                person_id=person_id,
                kind="check_in",
                local_date=NOW.date(),
                due_at=dt.datetime.combine(NOW.date(), at, dt.UTC),
                channel="push",
            )
        )
        message = {
            "title": "MS Journal",
            "body": "Time for today’s check-in",
            "url": f"/j/{journal}/check-in/{NOW.date()}/",
            "tag": f"check_in-{NOW.date()}",
            "kind": "check_in",
        }
        webpush(
            subscription_info={"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
            data=json.dumps(message, separators=(",", ":")),
            vapid_private_key=vapid,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=TIME_TO_LIVE,
            headers={"Urgency": "high"},
            timeout=(5, 10),
            requests_session=session,
        )
    SentReminder.objects.bulk_create(claims, batch_size=2000)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args()
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    settings.VAPID_KEY_FILE = Path(tempfile.mkdtemp()) / "vapid_key"
    application_server_key()  # the server's key pair made before anything is timed
    with separate_push_service() as service, throwaway_database():
        began = time.perf_counter()
        make_people(args.people, service)
        print(
            f"{connection.vendor}: {args.people:,} people due by push at the same minute "
            f"(made in {time.perf_counter() - began:.1f} s), {os.cpu_count()} cores"
        )
        took, sent, queries = timed_pass()
        count = decrypted(service, args.people, "the pass")
        print(
            f"one pass: {sent:,} reminders sent, {count:,} decrypted by the push service, "
            f"in {took:.2f} s ({took / sent * 1000:.2f} ms a push), {queries:,} queries"
        )
        idle, nothing, idle_queries = timed_pass()
        if nothing:
            raise SystemExit("a second pass at the same minute sent reminders again")
        decrypted(service, 0, "the same minute again")
        print(f"the same minute again: nothing sent, in {idle:.2f} s, {idle_queries:,} queries")
        SentReminder.objects.all().delete()
        floor = time_floor()
        decrypted(service, args.people, "the floor")
        print(f"floor: a bare loop over the same rows in {floor:.2f} s")
        print(f"ratio (pass / floor): {took / floor:.2f}x")


if __name__ == "__main__":
    main()
