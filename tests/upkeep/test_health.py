"""/healthz: what a load balancer or a monitor asks before sending people to the app."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.support.unreachable import ask_app, unreachable_database


@pytest.mark.django_db
def test_a_ready_app_answers_ok_in_plain_text_without_cookies(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"ok"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_logged_in_browser_asking_gets_no_cookie_and_its_session_is_not_read(patient_client):
    with CaptureQueriesContext(connection) as queries:
        response = patient_client.get(reverse("healthz"))
    assert response.status_code == 200 and not response.cookies
    assert not [q for q in queries if "django_session" in q["sql"]]


@pytest.mark.django_db
def test_once_everything_is_applied_a_check_costs_one_query(client):
    client.get(reverse("healthz"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("healthz")).status_code == 200
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_probe_by_address_over_plain_http_is_answered_not_refused_or_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("healthz"), HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_health_check_only_answers_reads(client):
    assert client.post(reverse("healthz")).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_an_unapplied_migration_makes_the_app_not_ready_until_it_is_applied(client):
    call_command("migrate", verbosity=0)  # from wherever an upgrade test left the database
    assert client.get(reverse("healthz")).status_code == 200
    call_command("migrate", "visits", "zero", verbosity=0)
    try:
        response = client.get(reverse("healthz"))
        assert (response.status_code, response.content) == (503, b"migrations not applied")
    finally:
        call_command("migrate", "visits", verbosity=0)
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_an_unreachable_database_makes_the_app_not_ready(engine, tmp_path):
    with unreachable_database(engine, tmp_path) as database_url:
        answer = ask_app(database_url, reverse("healthz"))
    assert (answer["status"], answer["body"]) == (503, "database unreachable")
    assert answer["cookies"] == []
