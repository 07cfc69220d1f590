"""Open-Meteo's geocoding search on 127.0.0.1, answering from recorded answers.

It speaks the documented protocol (https://open-meteo.com/en/docs/geocoding-api):
GET ?name=..&count=..&language=en&format=json&countryCode=.. answers
{"results": [...], "generationtime_ms": ..}, with no "results" key when nothing matched,
and HTTP 400 {"error": true, "reason": ..} for a request it cannot take. The answer for a
name is the file tests/support/open_meteo/geocoding/<name>.json, served as it stands: a
file may hold a result from another country, or one with no coordinates, which the app
must not trust.

A test can make it answer something else for a while (`answer_with`), and reads every
request it took (`requests`) to see what left the server.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support.serving import serving

ANSWERS = Path(__file__).parent / "open_meteo" / "geocoding"
PATH = "/v1/search"


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"


@dataclass
class GeocodingServer:
    url: str = ""
    requests: list[dict[str, str]] = field(default_factory=list)
    forced: Answer | None = None

    def answer_with(self, status: int, body: bytes | str, content_type: str = "text/plain"):
        """Answer every request so from now on (a service down: 503; nonsense: 200)."""
        raw = body.encode() if isinstance(body, str) else body
        self.forced = Answer(status, raw, content_type)

    def answer(self, path: str, params: dict[str, str]) -> Answer:
        if self.forced is not None:
            return self.forced
        if path != PATH or params.get("format", "json") != "json":
            return _refusal("Not a search this service knows")
        if "name" not in params:
            return _refusal("Parameter 'name' is required")
        recorded = ANSWERS / f"{_file_name(params['name'])}.json"
        if not recorded.is_file():
            return Answer(200, json.dumps({"generationtime_ms": 0.31}).encode())
        return Answer(200, recorded.read_bytes())


def _file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_") or "_"


def _refusal(reason: str) -> Answer:
    return Answer(400, json.dumps({"error": True, "reason": reason}).encode())


@contextlib.contextmanager
def geocoding_server() -> Iterator[GeocodingServer]:
    service = GeocodingServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            service.requests.append(params)
            answer = service.answer(parts.path, params)
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args):  # the test's output is not the place for it
            pass

    with serving(Handler) as server:
        service.url = f"http://127.0.0.1:{server.server_address[1]}{PATH}"
        yield service
