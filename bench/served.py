"""A throwaway copy of the app served by gunicorn, and browsers that talk to it.

Used by the load scripts in this folder and by the tests that fire real concurrent
requests: a fresh database (a SQLite file, or a new database on the PostgreSQL server
DATABASE_URL points to), data made with the ORM in a `manage.py shell` subprocess,
logged-in sessions written straight into the session table, gunicorn on a free
loopback port, and plain http.client requests with cookies and the CSRF token.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BASE = Path(__file__).resolve().parents[1]
READY_SECONDS = 60


@contextlib.contextmanager
def throwaway_database(folder: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database that is dropped afterwards.

    PostgreSQL when DATABASE_URL points to a PostgreSQL server (a new database on it),
    else a SQLite file in `folder`.
    """
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'journal.sqlite3'}"
        return
    import psycopg

    name = f"msjournal_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlparse(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PostgresCluster:
    """A throwaway PostgreSQL cluster of its own (see .ci/postgres), to stop and start."""

    def __init__(self) -> None:
        # Beside, not inside, the private temporary folder: the server may run as another user.
        self.env = {**os.environ, "PGSTATE": f"/tmp/msjournal-postgres-{uuid.uuid4().hex[:12]}"}
        self.url = self._run("start")

    def pause(self) -> None:
        """Stop the server (fast: open connections are cut), keeping its data and port."""
        self._run("pause")

    def resume(self) -> None:
        self._run("resume")

    def remove(self) -> None:
        subprocess.run(["bash", str(BASE / ".ci" / "postgres"), "stop"], env=self.env, check=False)

    def _run(self, action: str) -> str:
        return subprocess.run(
            ["bash", str(BASE / ".ci" / "postgres"), action],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL cluster, removed afterwards; its server URL is `.url`."""
    cluster = PostgresCluster()
    try:
        yield cluster
    finally:
        cluster.remove()


def app_env(database_url: str) -> dict[str, str]:
    """The environment of the served app: production settings on the given database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "throwaway-key",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command; its standard output, or an error with its messages."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def django_json(env: dict[str, str], code: str):
    """Run Python code in the app (ORM available); the JSON its last printed line holds."""
    return json.loads(manage(env, "shell", "--command", code).strip().splitlines()[-1])


def login_session(user) -> str:
    """A session in which `user` is logged in, made without the log-in form; its key.

    Called inside the app (see django_json).
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def settle() -> None:
    """Leave a database just built the way a running server's is: vacuumed and analysed
    (PostgreSQL), its write-ahead log copied back (SQLite). Otherwise the clean-up of the
    build lands in whichever measured round it happens to fall in.

    Called inside the app (see django_json).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int, app: str = "msjournal.wsgi") -> Iterator[str]:
    """Serve the app with gunicorn on a free loopback port; yields the base URL."""
    with gunicorn_process(env, workers=workers, app=app) as (_, base_url):
        _wait_until_answering(base_url, workers)
        yield base_url


@contextlib.contextmanager
def gunicorn_process(
    env: dict[str, str], *, workers: int, app: str = "msjournal.wsgi"
) -> Iterator[tuple[subprocess.Popen, str]]:
    """gunicorn listening, before any request: its master process and base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--workers", str(workers)]
        + ["--bind", "127.0.0.1:0", "--graceful-timeout", "5"],
        cwd=BASE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield server, _wait_until_listening(server)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_listening(server: subprocess.Popen) -> str:
    # gunicorn picks the port (bound to :0) and says which in its first lines.
    for line in server.stderr:
        found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", line)
        if found:
            # Keep reading its log so it never blocks on a full pipe.
            threading.Thread(target=server.stderr.read, daemon=True).start()
            return found.group(1)
    raise RuntimeError(f"gunicorn stopped before listening (exit code {server.wait()})")


def _wait_until_answering(base_url: str, workers: int) -> None:
    deadline = time.monotonic() + READY_SECONDS
    answered = 0
    while answered < workers * 2:
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not answer in time")
        try:
            Browser(base_url).get("/accounts/login/")
            answered += 1
        except OSError:
            time.sleep(0.2)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Browser:
    """Cookies and CSRF token of one person, sending requests one at a time."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60

    @classmethod
    def logged_in(cls, base_url: str, session_key: str, timeout: float = 60) -> Browser:
        return cls(base_url, {"sessionid": session_key}, timeout)

    def get(self, path: str) -> Answer:
        return self._send("GET", path)

    def post(self, path: str, data: dict[str, str], headers: dict | None = None) -> Answer:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf_token, **data})
        return self._send(
            "POST",
            path,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        )

    def upload(
        self, path: str, data: dict[str, str], files: dict[str, tuple[str, bytes]]
    ) -> Answer:
        """A form with files (name: (file name, content)), sent as multipart/form-data."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrfmiddlewaretoken": self.csrf_token, **data}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return self._send("POST", path, body, {"Content-Type": content_type})

    @property
    def csrf_token(self) -> str:
        return self.cookies.get("csrftoken", "")

    def _send(
        self, method: str, path: str, body: str | bytes | None = None, headers=None
    ) -> Answer:
        address = urllib.parse.urlparse(self.base_url)
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=self.timeout)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body, {"Cookie": cookie, **(headers or {})})
            response = conn.getresponse()
            answer = Answer(
                response.status, response.headers, response.read().decode(errors="replace")
            )
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer


def warm_up(base_url: str, session_key: str, paths, *, times: int) -> None:
    """Request each page `times` times, so that every gunicorn worker has served it.

    A worker's first request loads the analysis libraries (numpy, statsmodels): that is a
    server start, not what a person waits for on a first visit.
    """
    browser = Browser.logged_in(base_url, session_key)
    for path in paths:
        for _ in range(times):
            browser.get(path)
