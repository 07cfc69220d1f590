"""How many queries a page costs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# The budget of every page, report and export (docs/performance.md): 8, and the two the
# day loader reads the weather in (a patient's places, then their days).
MAX_QUERIES = 10


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code == 200
    return len(captured)
