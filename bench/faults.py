"""Fault drills: what a person sees, and what is kept, when things break on the server.

    .venv/bin/python bench/faults.py                    # all three drills
    .venv/bin/python bench/faults.py kill-import outage # some of them

kill-import  A gunicorn worker is killed (SIGKILL) in the middle of a 20,000-row CSV
             import: nothing of that import may be stored, and the same import sent
             again must go through. SQLite, or PostgreSQL when DATABASE_URL says so.
outage       PostgreSQL (a throwaway cluster of its own) is stopped for 10 s while 10
             people keep quick-logging: during it every answer is the friendly 503
             within 30 s, after it every save works with no restart of the app, and every
             save the app acknowledged is in the database.
disk-full    SQLite on a small tmpfs that fills up while quick logs land (needs root for
             mount): a friendly 503, not a traceback; the database still opens and passes
             PRAGMA integrity_check, and saves work again once there is room.

Everything runs on loopback, on throwaway databases, bounded in count and time. It
prints its figures and exits 1 if a drill failed. Run `manage.py collectstatic` first.
Never part of `make test`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.import_files import days_file, entries_file  # noqa: E402
from bench.served import (  # noqa: E402
    Answer,
    Browser,
    app_env,
    django_json,
    gunicorn,
    gunicorn_process,
    manage,
    postgres_cluster,
    throwaway_database,
)

FRIENDLY = "The journal is out of reach for a moment"  # templates/503.html
ANSWER_WITHIN = 30  # seconds: a request left longer than this counts as a hang

PATIENTS = """
import json
from accounts.models import User
from bench.served import login_session
patients = [User.objects.create_user(f"patient{{i}}@example.com", "pw") for i in range({count})]
print(json.dumps([[p.journal_key, login_session(p)] for p in patients]))
"""

STORED = """
import json
from symptoms.models import Entry
from triggers.models import CheckIn
print(json.dumps({{
    "entries": Entry.objects.filter(patient__journal_key={journal!r}).count(),
    "check_ins": CheckIn.objects.filter(patient__journal_key={journal!r}).count(),
    "tokens": [str(t) for t in Entry.objects.values_list("client_token", flat=True)],
}}))
"""


def stored(env: dict[str, str], journal: str = "") -> dict:
    return django_json(env, STORED.format(journal=journal))


def friendly(answer: Answer) -> bool:
    return answer.status == 503 and FRIENDLY in answer.body and "Traceback" not in answer.body


# ---- (a) a worker killed in the middle of an import ------------------------------------


def import_files(rows: int) -> dict[str, tuple[str, bytes]]:
    return {
        "entries": ("entries.csv", entries_file(rows).encode()),
        "days": ("days.csv", days_file(400).encode()),
    }


def send_import(base_url: str, journal: str, session: str, rows: int) -> Answer:
    browser = Browser.logged_in(base_url, session, timeout=300)
    browser.get(f"/j/{journal}/import/")  # its CSRF cookie
    return browser.upload(f"/j/{journal}/import/", {}, import_files(rows))


def worker_of(master: subprocess.Popen) -> int:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return int(children[0])


def kill_import(rows: int) -> bool:
    print(f"\n== kill-import: SIGKILL to the gunicorn worker during a {rows:,}-row import")
    with tempfile.TemporaryDirectory() as tmp, throwaway_database(Path(tmp)) as database_url:
        # A long import must not be cut by gunicorn's own 30 s worker timeout.
        env = app_env(database_url) | {"GUNICORN_CMD_ARGS": "--timeout 600"}
        manage(env, "migrate", "--verbosity", "0")
        (ref_journal, ref_session), (journal, session) = django_json(env, PATIENTS.format(count=2))
        with gunicorn_process(env, workers=1) as (master, base_url):
            began = time.monotonic()
            reference = send_import(base_url, ref_journal, ref_session, rows)
            whole = time.monotonic() - began
            if "entries were added" not in reference.body:
                print(f"FAILED: the reference import did not go through ({reference.status})")
                return False
            print(f"database: {database_url.split(':', 1)[0]}")
            print(f"a whole import through the page: {whole:.1f} s")

            outcome: dict = {}

            def send() -> None:
                try:
                    outcome["answer"] = send_import(base_url, journal, session, rows)
                except OSError as exc:
                    outcome["error"] = f"{type(exc).__name__}"

            sender = threading.Thread(target=send)
            sender.start()
            time.sleep(whole / 2)
            victim = worker_of(master)
            os.kill(victim, signal.SIGKILL)
            killed_at = whole / 2
            sender.join(timeout=ANSWER_WITHIN)
            if "answer" in outcome:
                print("FAILED: the import finished before the worker was killed; rerun")
                return False
            print(
                f"worker {victim} killed after {killed_at:.1f} s; the browser saw: "
                f"{outcome.get('error', 'no answer')}"
            )
            after_kill = stored(env, journal)
            print(
                f"stored of the killed import: {after_kill['entries']} entries, "
                f"{after_kill['check_ins']} days"
            )

            again = send_import(base_url, journal, session, rows)  # a new worker answers
            after_again = stored(env, journal)
            print(
                f"sent again: HTTP {again.status}, {after_again['entries']:,} entries, "
                f"{after_again['check_ins']} days stored"
            )
    passed = (
        after_kill["entries"] == after_kill["check_ins"] == 0
        and "entries were added" in again.body
        and after_again["entries"] == rows
    )
    print("passed" if passed else "FAILED")
    return passed


# ---- quick-logging clients, for the outage and the full disk ---------------------------


@dataclass
class Tap:
    sent: float
    took: float
    status: int | None  # None: no answer at all
    token: str
    friendly: bool = False
    traceback: bool = False


@dataclass
class Tappers:
    """People quick-logging one tap after another until told to stop."""

    base_url: str
    patients: list
    pause: float = 0.0
    taps: list[Tap] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> Tappers:
        for journal, session in self.patients:
            thread = threading.Thread(target=self._tap, args=(journal, session))
            thread.start()
            self.threads.append(thread)
        return self

    def finish(self) -> list[Tap]:
        self.stop.set()
        for thread in self.threads:
            thread.join()
        return self.taps

    def _tap(self, journal: str, session: str) -> None:
        browser = Browser.logged_in(self.base_url, session, timeout=ANSWER_WITHIN)
        browser.get(f"/j/{journal}/log/spasm/?region=neck")
        while not self.stop.is_set():
            token = str(uuid.uuid4())
            began = time.monotonic()
            try:
                answer = browser.post(
                    f"/j/{journal}/log/spasm/",
                    {"region": "neck", "severity": "5", "client_token": token},
                )
            except OSError:
                self.taps.append(Tap(began, time.monotonic() - began, None, token))
                continue
            self.taps.append(
                Tap(
                    began,
                    time.monotonic() - began,
                    answer.status,
                    token,
                    friendly(answer),
                    "Traceback" in answer.body,
                )
            )
            time.sleep(self.pause)


def describe(label: str, taps: list[Tap]) -> None:
    statuses = Counter(t.status or "no answer" for t in taps)
    took = [t.took for t in taps] or [0.0]
    print(
        f"{label}: {len(taps)} requests, "
        + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=str))
        + f"; slowest {max(took):.2f} s, median {statistics.median(took):.2f} s"
    )


def acknowledged(taps: list[Tap]) -> set[str]:
    return {t.token for t in taps if t.status is not None and 200 <= t.status < 400}


# ---- (b) PostgreSQL stopped while people quick-log -------------------------------------


def outage(seconds: float, clients: int) -> bool:
    print(f"\n== outage: PostgreSQL stopped for {seconds:.0f} s while {clients} people quick-log")
    with postgres_cluster() as cluster:
        env = app_env(cluster.url) | {"DATABASE_CONN_MAX_AGE": "60"}
        manage(env, "migrate", "--verbosity", "0")
        patients = django_json(env, PATIENTS.format(count=clients))
        with gunicorn(env, workers=2) as base_url:
            tappers = Tappers(base_url, patients, pause=0.05).start()
            time.sleep(5)
            stopping = time.monotonic()
            cluster.pause()
            stopped = time.monotonic()
            time.sleep(seconds)
            starting = time.monotonic()
            cluster.resume()
            started = time.monotonic()
            time.sleep(5)
            taps = tappers.finish()
        landed = set(stored(env)["tokens"])
    print(
        f"stopping the server took {stopped - stopping:.1f} s, starting it "
        f"{started - starting:.1f} s"
    )
    before = [t for t in taps if t.sent + t.took < stopping]
    during = [t for t in taps if stopped <= t.sent and t.sent + t.took <= starting]
    after = [t for t in taps if t.sent >= started]
    describe("before", before)
    describe("while stopped", during)
    describe("after", after)
    missing = acknowledged(taps) - landed
    print(
        f"acknowledged saves: {len(acknowledged(taps))}, in the database: "
        f"{len(acknowledged(taps) & landed)}, missing: {len(missing)}"
    )
    print(
        f"tracebacks shown: {sum(t.traceback for t in taps)}, "
        f"server errors (500): {sum(t.status == 500 for t in taps)}"
    )
    passed = (
        bool(during)
        and all(t.friendly for t in during)
        and all(t.took <= ANSWER_WITHIN for t in during)
        and bool(after)
        and all(t.status == 302 for t in after)
        and not missing
        and not any(t.traceback or t.status == 500 or t.status is None for t in taps)
    )
    print("passed" if passed else "FAILED")
    return passed


# ---- (c) SQLite's disk full ------------------------------------------------------------


@contextlib.contextmanager
def small_disk(size: str):
    folder = Path(tempfile.mkdtemp(prefix="msjournal-disk-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        folder.rmdir()
        raise PermissionError(done.stderr.strip() or "mount failed")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path, leave: int) -> Path:
    """A file taking all the room but `leave` bytes."""
    filler = folder / "filler"
    room = os.statvfs(folder)
    with open(filler, "wb") as out:
        out.write(b"\0" * max(room.f_bavail * room.f_frsize - leave, 0))
    return filler


def disk_full(limit: int) -> bool:
    print("\n== disk-full: SQLite on an 8 MB tmpfs that fills up while quick logs land")
    try:
        with small_disk("8m") as folder:
            full, retry, integrity, landed = _fill_the_disk(folder, limit)
    except PermissionError as exc:
        print(f"SKIPPED: cannot mount a tmpfs here ({exc}); run as root")
        return False
    refused = [t for t in full if t.status != 302]
    describe("while the disk filled", full)
    missing = acknowledged(full) - landed
    print(f"refused: {len(refused)}, of them the friendly 503: {sum(t.friendly for t in refused)}")
    print(f"acknowledged saves: {len(acknowledged(full))}, missing: {len(missing)}")
    print(f"PRAGMA integrity_check: {integrity}")
    print(f"a save once there was room again: HTTP {retry.status}")
    passed = (
        bool(refused)
        and all(t.friendly for t in refused)
        and integrity == "ok"
        and not missing
        and retry.status == 302
    )
    print("passed" if passed else "FAILED")
    return passed


def _fill_the_disk(folder: Path, limit: int):
    """Quick logs until ten are refused; then room again, one more, and the check."""
    database = folder / "journal.sqlite3"
    env = app_env(f"sqlite:///{database}")
    manage(env, "migrate", "--verbosity", "0")
    ((journal, session),) = django_json(env, PATIENTS.format(count=1))
    with gunicorn(env, workers=1) as base_url:
        filler = fill(folder, leave=256 * 1024)
        tappers = Tappers(base_url, [(journal, session)]).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(tappers.taps) < limit:
            if sum(t.status != 302 for t in tappers.taps) >= 10:
                break
            time.sleep(0.1)
        full = tappers.finish()
        filler.unlink()
        browser = Browser.logged_in(base_url, session, timeout=ANSWER_WITHIN)
        browser.get(f"/j/{journal}/log/spasm/?region=neck")
        retry = browser.post(
            f"/j/{journal}/log/spasm/",
            {"region": "neck", "severity": "5", "client_token": str(uuid.uuid4())},
        )
    check = sqlite3.connect(database)
    integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
    check.close()
    return full, retry, integrity, set(stored(env)["tokens"])


DRILLS = {
    "kill-import": lambda args: kill_import(args.rows),
    "outage": lambda args: outage(args.outage_seconds, args.clients),
    "disk-full": lambda args: disk_full(args.limit),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("drills", nargs="*", help=f"some of: {', '.join(DRILLS)} (all if none)")
    parser.add_argument("--rows", type=int, default=20_000, help="rows of the killed import")
    parser.add_argument("--outage-seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=10, help="people logging in the outage")
    parser.add_argument("--limit", type=int, default=2000, help="most taps on the full disk")
    args = parser.parse_args()
    if unknown := set(args.drills) - DRILLS.keys():
        parser.error(f"no such drill: {', '.join(sorted(unknown))}")
    results = {name: DRILLS[name](args) for name in args.drills or DRILLS}
    print(
        "\n" + ", ".join(f"{name}: {'passed' if ok else 'FAILED'}" for name, ok in results.items())
    )
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
