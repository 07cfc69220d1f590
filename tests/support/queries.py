"""How many queries a page costs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

MAX_QUERIES = 8  # the budget of every page, report and export (docs/performance.md)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200
    return len(captured)
