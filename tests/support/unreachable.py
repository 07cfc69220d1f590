"""The app run on its own, in a process of its own, against a database it cannot reach."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

from bench.served import app_env, django_json

ASK = """
import json
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = {session!r}  # a logged-in person's browser: the session is read
response = client.get({path!r})
print(json.dumps({{
    "status": response.status_code,
    "headers": dict(response.headers),
    "cookies": list(response.cookies),
    "body": response.content.decode(),
}}))
"""


@contextlib.contextmanager
def unreachable_database(engine: str, tmp_path) -> Iterator[str]:
    """A DATABASE_URL of the given engine that nothing answers: a PostgreSQL port held
    closed for the duration, or a SQLite file in a folder that does not exist."""
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'no-such-folder' / 'journal.sqlite3'}"
        return
    with socket.socket() as held:  # bound, never listening: every connection is refused
        held.bind(("127.0.0.1", 0))
        yield f"postgres://msjournal@127.0.0.1:{held.getsockname()[1]}/journal"


def ask_app(database_url: str, path: str, session: str = "") -> dict:
    """GET path from the app running on database_url, with the session cookie if given:
    status, headers, cookies, body."""
    env = app_env(database_url) | {"DJANGO_ALLOWED_HOSTS": "testserver"}
    return django_json(env, ASK.format(path=path, session=session))
