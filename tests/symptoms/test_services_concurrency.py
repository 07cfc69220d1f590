"""Several app-server processes writing to one SQLite file at once: every write lands."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
WRITER = """
import uuid
from accounts.models import User
from symptoms.services import entry_create
patient = User.objects.get()
for i in range(40):
    entry_create(patient=patient, kind="spasm", regions=["neck"], severity=i % 11,
                 client_token=uuid.uuid4())
"""


def manage(env: dict, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, stderr=subprocess.PIPE, **kwargs
    )


def test_four_processes_writing_at_once_all_land(tmp_path):
    db = tmp_path / "journal.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_DEBUG": "0",
    }
    assert manage(env, "migrate", "--verbosity", "0").wait() == 0
    create = "from accounts.models import User; User.objects.create_user('w@example.com', 'pw')"
    assert manage(env, "shell", "--command", create).wait() == 0

    writers = [manage(env, "shell", "--command", WRITER) for _ in range(4)]
    failures = [w.stderr.read().decode() for w in writers if w.wait() != 0]

    assert failures == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from symptoms_entry").fetchone()[0] == 160
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
