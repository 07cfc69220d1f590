"""`manage.py backup` while quick logs land, `manage.py restore` into a fresh database.

A real server (gunicorn) takes quick logs from several people while the backup runs;
the copy is restored into a new, empty database (a SQLite file, or a new PostgreSQL
database when DATABASE_URL points to PostgreSQL) and compared with the original, table
by table, row by row.
"""

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bench.served import BASE, Browser, app_env, django_json, gunicorn, manage, throwaway_database

PEOPLE = 4

PATIENTS = f"""
import json
from accounts.models import User
from bench.served import login_session
patients = [User.objects.create_user(f"patient{{i}}@example.com", "pw") for i in range({PEOPLE})]
print(json.dumps([[p.journal_key, login_session(p)] for p in patients]))
"""

# Every row of every table, each as sorted JSON, so that two databases compare as data.
TABLES = """
import json
from django.db import connection
tables = {}
with connection.cursor() as cursor:
    for table in connection.introspection.table_names():
        cursor.execute(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        tables[table] = sorted(
            json.dumps(dict(zip(names, row)), default=str, sort_keys=True)
            for row in cursor.fetchall()
        )
print(json.dumps(tables))
"""


AFTER_THE_BACKUP = """
import json
from django.db import connection
from accounts.models import User
User.objects.create_user("later@example.com", "pw")
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE upkeep_later (id integer PRIMARY KEY)")
print(json.dumps(True))
"""


class QuickLogs:
    """People tapping quick logs, one after another, until told to stop."""

    def __init__(self, base_url: str, patients: list) -> None:
        self.acknowledged: list[tuple[float, str]] = []  # (when the 302 came, token)
        self.sent: list[tuple[float, str]] = []  # (when it was sent, token)
        self.stop = threading.Event()
        self.threads = [
            threading.Thread(target=self._tap, args=(base_url, journal, session))
            for journal, session in patients
        ]
        for thread in self.threads:
            thread.start()

    def _tap(self, base_url: str, journal: str, session: str) -> None:
        browser = Browser.logged_in(base_url, session, timeout=30)
        browser.get(f"/j/{journal}/log/spasm/?region=neck")
        while not self.stop.is_set():
            token = str(uuid.uuid4())
            self.sent.append((time.monotonic(), token))
            answer = browser.post(
                f"/j/{journal}/log/spasm/",
                {"region": "neck", "severity": "4", "client_token": token},
            )
            assert answer.status == 302, answer.body[:500]
            self.acknowledged.append((time.monotonic(), token))

    def wait_for(self, count: int) -> None:
        target = len(self.acknowledged) + count
        while len(self.acknowledged) < target and all(t.is_alive() for t in self.threads):
            time.sleep(0.05)

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()


def tables(database_url: str) -> dict[str, list[str]]:
    return django_json(app_env(database_url), TABLES)


def entry_tokens(rows: dict[str, list[str]]) -> set[str]:
    return {str(uuid.UUID(json.loads(row)["client_token"])) for row in rows["symptoms_entry"]}


def test_a_backup_taken_while_quick_logs_land_restores_every_row(tmp_path):
    folders = [tmp_path / name for name in ("origin", "during", "after")]
    for folder in folders:
        folder.mkdir()
    with (
        throwaway_database(folders[0]) as origin,
        throwaway_database(folders[1]) as during,
        throwaway_database(folders[2]) as after,
    ):
        env = app_env(origin)
        manage(env, "migrate", "--verbosity", "0")
        patients = django_json(env, PATIENTS)
        with gunicorn(env, workers=2) as base_url:
            logs = QuickLogs(base_url, patients)
            try:
                logs.wait_for(20)
                began = time.monotonic()
                manage(env, "backup", "--out", str(tmp_path / "during.backup"))
                ended = time.monotonic()
                logs.wait_for(20)
            finally:
                logs.finish()
            manage(env, "backup", "--out", str(tmp_path / "after.backup"))

        manage(app_env(during), "restore", str(tmp_path / "during.backup"))
        manage(app_env(after), "restore", str(tmp_path / "after.backup"))
        original, restored_during, restored_after = tables(origin), tables(during), tables(after)

    # The copy taken after the last save is the database, row for row, in every table.
    assert restored_after == original
    assert len(original["symptoms_entry"]) == len(logs.acknowledged)

    # The copy taken while saves landed is one moment of it: every save acknowledged
    # before the backup began, none sent after it ended, each entry as in the original.
    # (Sessions and journal stamps are rewritten as people use the app, so only the
    # entries, which a quick log only adds, can be held to the final database.)
    landed = entry_tokens(restored_during)
    assert {token for moment, token in logs.acknowledged if moment < began} <= landed
    assert not {token for moment, token in logs.sent if moment > ended} & landed
    assert restored_during.keys() == original.keys()
    assert set(restored_during["symptoms_entry"]) < set(original["symptoms_entry"])


def test_a_restore_into_a_database_that_holds_tables_is_refused_unless_replacing(tmp_path):
    with throwaway_database(tmp_path) as database_url:
        env = app_env(database_url)
        manage(env, "migrate", "--verbosity", "0")
        manage(env, "backup", "--out", str(tmp_path / "journal.backup"))
        refused = subprocess.run(
            [sys.executable, "manage.py", "restore", str(tmp_path / "journal.backup")],
            cwd=BASE,
            env=env,
            capture_output=True,
            text=True,
        )
        assert refused.returncode != 0
        assert "The database is not empty" in refused.stderr and "--replace" in refused.stderr
        assert "Traceback" not in refused.stderr
        before = tables(database_url)
        # After the backup: a new account, and a table a later upgrade added.
        django_json(env, AFTER_THE_BACKUP)
        assert tables(database_url) != before
        manage(env, "restore", "--replace", str(tmp_path / "journal.backup"))
        assert tables(database_url) == before


@pytest.mark.django_db
def test_a_restore_from_a_file_that_is_not_there_says_so(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(Path(tmp_path) / "missing.backup"))
