"""While the database is down: a friendly 503 within seconds, and back to normal after.

Nobody restarts the app: the same server process answers before, during and after.
"""

import os
import uuid

import pytest
from django.test import Client

from bench.served import (
    Browser,
    app_env,
    django_json,
    gunicorn,
    manage,
    postgres_cluster,
)
from tests.support.unreachable import ask_app, unreachable_database

FRIENDLY = "The journal is out of reach for a moment"

PATIENT = """
import json
from accounts.models import User
from bench.served import login_session
patient = User.objects.create_user("pat@example.com", "pw")
print(json.dumps([patient.journal_key, login_session(patient)]))
"""


def assert_friendly_503(status: int, headers, body: str) -> None:
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert FRIENDLY in body
    assert "Traceback" not in body and "Error" not in body
    # Its look comes from the stylesheet: the policy allows nothing inline.
    assert "style=" not in body and "css/error" in body
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_page_asked_of_an_unreachable_database_says_come_back_shortly(engine, tmp_path):
    with unreachable_database(engine, tmp_path) as database_url:
        answer = ask_app(database_url, "/", session="a-session-the-app-must-look-up")
    assert_friendly_503(answer["status"], answer["headers"], answer["body"])


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="stops and starts a PostgreSQL server; the run on SQLite has no server to stop",
)
def test_while_postgresql_is_stopped_pages_say_so_and_work_again_once_it_is_back():
    with postgres_cluster() as cluster:
        # Connections kept for a minute, as the README's deployment does: each must be
        # found dead and replaced, not reused.
        env = app_env(cluster.url) | {"DATABASE_CONN_MAX_AGE": "60"}
        manage(env, "migrate", "--verbosity", "0")
        journal, session = django_json(env, PATIENT)
        with gunicorn(env, workers=1) as base_url:
            browser = Browser.logged_in(base_url, session, timeout=30)
            assert browser.get(f"/j/{journal}/").status == 200

            cluster.pause()
            try:
                for path in (f"/j/{journal}/", f"/j/{journal}/history/"):
                    answer = browser.get(path)
                    assert_friendly_503(answer.status, answer.headers, answer.body)
                browser.get(f"/j/{journal}/log/spasm/?region=neck")
            finally:
                cluster.resume()

            assert browser.get(f"/j/{journal}/").status == 200
            token = str(uuid.uuid4())
            saved = browser.post(
                f"/j/{journal}/log/spasm/",
                {"region": "neck", "severity": "5", "client_token": token},
            )
            assert saved.status == 302


@pytest.mark.urls("tests.support.failing_urls")
def test_a_database_error_wrapped_in_another_still_says_come_back_shortly():
    client = Client(raise_request_exception=False)
    response = client.get("/fail-on-the-database/")
    assert_friendly_503(response.status_code, response.headers, response.content.decode())
    # A fault of ours that is no database error stays a 500.
    assert client.get("/fail/").status_code == 500
