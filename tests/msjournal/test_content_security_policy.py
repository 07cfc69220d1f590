"""The Content-Security-Policy allows nothing inline: no script, no style attribute, no
<style> element. The pages that a browser test does not open are checked here; every
page a browser test opens fails it on any violation (tests/e2e/conftest.py)."""

from html.parser import HTMLParser

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from tests.support.makers import make_entry

pytestmark = pytest.mark.django_db


class InlineStyles(HTMLParser):
    """The style attributes and <style> elements of a page, as tag names."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.found.append(tag)


def assert_strict_policy(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "default-src 'self'" in policy
    assert InlineStyles(response.content.decode()).found == []


@pytest.mark.parametrize(
    "name", ["home", "week", "insights", "history", "summary", "summary_print"]
)
def test_journal_pages_and_their_charts_have_nothing_inline(patient_client, patient, name):
    make_entry(patient, severity=6)
    response = patient_client.get(reverse(name, args=[patient.journal_key]))
    assert response.status_code == 200
    assert_strict_policy(response)


def test_the_log_in_page_and_a_missing_page_have_nothing_inline(client):
    assert_strict_policy(client.get(reverse("account_login")))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_strict_policy(missing)


@pytest.mark.urls("tests.support.failing_urls")
def test_the_server_error_page_takes_its_look_from_a_stylesheet():
    client = Client(raise_request_exception=False)
    response = client.get("/fail/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert_strict_policy(response)
    assert static("css/error.css") in response.content.decode()
    assert client.get(static("css/error.css")).status_code == 200


def test_a_form_sent_with_an_expired_token_gets_the_journals_own_page():
    # Django's own page for this carries a <style> element the policy would block.
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "pat@example.com"})
    assert response.status_code == 403
    assert "This form could not be sent" in response.content.decode()
    assert_strict_policy(response)
