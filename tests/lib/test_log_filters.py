"""No working link is written in the log."""

import io
import logging

import pytest

from lib.log_filters import MaskTokens


@pytest.fixture
def written():
    """What the app's own log handler writes, while the test runs."""
    [handler] = [
        h for h in logging.getLogger().handlers if any(isinstance(f, MaskTokens) for f in h.filters)
    ]
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


@pytest.mark.django_db
def test_a_clinician_links_token_never_reaches_the_log(client, written):
    token = "kT3q9vJ2mW7xYz0aBcDeFgHiJkLmNoPqRsTuVwXyZ01"
    client.get(f"/c/{token}/")
    client.head(f"/c/{token}/summary.pdf")
    client.get(f"/invitations/{token}/")

    log = written.getvalue()
    assert "Not Found: /c/…/" in log and "Method Not Allowed (HEAD): /c/…/summary.pdf" in log
    assert token not in log


def test_other_paths_are_written_as_they_are():
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", ("/j/abc/entries/7/",), None
    )
    MaskTokens().filter(record)
    assert record.getMessage() == "Not Found: /j/abc/entries/7/"
