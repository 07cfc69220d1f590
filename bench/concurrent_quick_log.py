"""Many quick logs at once: does every save land exactly once, and how fast?

    .venv/bin/python bench/concurrent_quick_log.py              # SQLite (WAL)
    DATABASE_URL=postgres://… .venv/bin/python bench/concurrent_quick_log.py
    .venv/bin/python bench/concurrent_quick_log.py --postgres   # a throwaway cluster

Builds its own throwaway database (a SQLite file, or a new database on the PostgreSQL
server), one patient per client with a logged-in session, serves the app with gunicorn
on a free loopback port, and sends the quick-log POST (region, severity, a fresh
client_token) from all clients at once. Some saves are sent twice at the same moment
with the same token, as a double tap does; each must still make one entry.

Exits 1 unless every save landed exactly once and no request failed. Run
`manage.py collectstatic` first (the pages use the compressed static files).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.served import (  # noqa: E402
    Browser,
    app_env,
    django_json,
    gunicorn,
    manage,
    postgres_cluster,
    throwaway_database,
)

PATIENTS = """
import json
from accounts.models import User
from bench.served import login_session
patients = [User.objects.create_user(f"patient{{i}}@example.com", "pw") for i in range({count})]
print(json.dumps([[p.journal_key, login_session(p)] for p in patients]))
"""

LANDED = """
import json
from symptoms.models import Entry
print(json.dumps([str(t) for t in Entry.objects.values_list("client_token", flat=True)]))
"""


@dataclass
class Tally:
    """What the clients saw, filled in from several threads."""

    statuses: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started: float, status: int | None, error: str = "") -> None:
        with self.lock:
            self.latencies.append(time.perf_counter() - started)
            self.statuses[status or "no answer"] += 1
            if error:
                self.errors.append(error)

    @property
    def sent(self) -> int:
        return sum(self.statuses.values())


def save(browser: Browser, journal: str, token: str, tally: Tally) -> None:
    started = time.perf_counter()
    try:
        answer = browser.post(
            f"/j/{journal}/log/spasm/", {"region": "neck", "severity": "6", "client_token": token}
        )
    except OSError as exc:
        tally.record(started, None, f"{type(exc).__name__}: {exc}")
        return
    problem = "" if answer.status == 302 else f"HTTP {answer.status}"
    tally.record(started, answer.status, problem)


def client(base_url, journal, session, saves, doubles, start, deadline, tally) -> None:
    """One person logging `saves` spasms, the first `doubles` of them with a double tap."""
    browser = Browser.logged_in(base_url, session, timeout=30)
    browser.get(f"/j/{journal}/log/spasm/?region=neck")  # the page, and its CSRF cookie
    start.wait()
    for n in range(saves):
        if time.monotonic() > deadline:
            tally.errors.append("stopped at the time limit")
            return
        token = str(uuid.uuid4())
        with tally.lock:
            tally.tokens.add(token)
        if n < doubles:
            twice = [threading.Thread(target=save, args=(browser, journal, token, tally))]
            twice[0].start()
            save(browser, journal, token, tally)
            twice[0].join()
        else:
            save(browser, journal, token, tally)


def run(args: argparse.Namespace, database_url: str) -> int:
    env = app_env(database_url)
    manage(env, "migrate", "--verbosity", "0")
    patients = django_json(env, PATIENTS.format(count=args.clients))
    per_client, extra = divmod(args.saves, args.clients)
    doubles_per_client, extra_doubles = divmod(args.doubles, args.clients)
    tally = Tally()
    with gunicorn(env, workers=args.workers) as base_url:
        start = threading.Barrier(args.clients)
        deadline = time.monotonic() + args.seconds
        began = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            for i, (journal, session) in enumerate(patients):
                saves = per_client + (i < extra)
                doubles = doubles_per_client + (i < extra_doubles)
                pool.submit(
                    client, base_url, journal, session, saves, doubles, start, deadline, tally
                )
        elapsed = time.perf_counter() - began
    landed = django_json(env, LANDED)
    return report(args, database_url, tally, landed, elapsed)


def report(args, database_url: str, tally: Tally, landed: list[str], elapsed: float) -> int:
    missing = tally.tokens - set(landed)
    duplicates = len(landed) - len(set(landed))
    strangers = set(landed) - tally.tokens
    ms = sorted(1000 * s for s in tally.latencies)
    print(f"database: {database_url.split(':', 1)[0]}, gunicorn workers: {args.workers}")
    print(f"clients: {args.clients}, saves: {args.saves}, double taps: {args.doubles}")
    print(f"requests sent: {tally.sent}")
    responses = sorted(tally.statuses.items(), key=str)
    print("responses: " + ", ".join(f"{status}: {count}" for status, count in responses))
    print(f"entries landed: {len(landed)} (expected {args.saves})")
    print(f"saves missing: {len(missing)}, duplicates: {duplicates}, unknown: {len(strangers)}")
    print(f"errors: {len(tally.errors)}" + (f" (first: {tally.errors[0]})" if tally.errors else ""))
    if ms:
        p95 = statistics.quantiles(ms, n=20)[18] if len(ms) > 1 else ms[0]
        print(
            f"latency ms: median {statistics.median(ms):.0f}, min {ms[0]:.0f},"
            f" max {ms[-1]:.0f}, p95 {p95:.0f}"
        )
    print(f"throughput: {tally.sent / elapsed:.1f} requests/s over {elapsed:.1f} s")
    correct = len(landed) == args.saves == len(tally.tokens) and not (
        missing or duplicates or strangers or tally.errors
    )
    print("every save landed exactly once" if correct else "FAILED: not every save landed once")
    return 0 if correct else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--doubles", type=int, default=20, help="saves also sent a second time")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--seconds", type=float, default=300, help="stop sending after this")
    parser.add_argument(
        "--postgres", action="store_true", help="start a throwaway PostgreSQL cluster"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            os.environ["DATABASE_URL"] = stack.enter_context(postgres_cluster()).url
        database_url = stack.enter_context(throwaway_database(Path(tmp)))
        return run(args, database_url)


if __name__ == "__main__":
    sys.exit(main())
