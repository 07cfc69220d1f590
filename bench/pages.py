"""Every journal page's server time and query count, measured inside the app.

Called inside the app (see bench.served.django_json) with the Django test client, so the
figures are the view's own: no network, no gunicorn.
"""

from __future__ import annotations

import statistics
import time

# (URL name, query string): the pages a person opens, GET only.
PAGES = [
    ("home", ""),
    ("quick_spasm", "region=both_legs"),
    ("history", ""),
    ("check_in", ""),
    ("insights", ""),
    ("week", ""),
    ("summary", ""),
    ("summary_print", ""),
    ("summary_pdf", ""),
    ("export_csv", ""),
    ("export_fhir", ""),
    ("sharing", ""),
    ("import", ""),
]


def _timed_get(client, url: str) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        body = b"".join(response) if response.streaming else response.content
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed, len(queries), len(body)


def measure(emails: list[str], runs: int = 3) -> dict:
    """{page: {email: {median_ms, min_ms, max_ms, queries, bytes}}}."""
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User

    figures: dict = {}
    for email in emails:
        user = User.objects.get(email=email)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        for name, query in PAGES:
            url = reverse(name, args=[user.journal_key]) + (f"?{query}" if query else "")
            _timed_get(client, url)  # the first call fills caches: not what a person waits for
            samples = [_timed_get(client, url) for _ in range(runs)]
            times = [s[0] * 1000 for s in samples]
            figures.setdefault(name, {})[email] = {
                "median_ms": statistics.median(times),
                "min_ms": min(times),
                "max_ms": max(times),
                "queries": samples[-1][1],
                "bytes": samples[-1][2],
            }
    return figures
