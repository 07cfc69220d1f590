"""Open-Meteo's archive and forecast APIs on 127.0.0.1, speaking their real protocol.

GET /v1/archive or /v1/forecast ?latitude&longitude&daily=<variables>&timezone=auto
&start_date&end_date answers the documented JSON (open_meteo/README.md cites the
pages): a saved answer from `open_meteo/` when one matches the request, or else daily
arrays made up for any range, the same for a cell and day every time (`weather_on`).
Like the real service, the archive has nothing yet (null) for its last few days, the
forecast refuses a range beyond 92 days back or 16 days ahead of the cell's own today,
and a bad parameter is a 400 with {"error": true, "reason": ...}.

Every request is kept (`requests`), and the service can be told to misbehave (`fail`):
answer too slowly, answer 500, send something that is not JSON, leave out the daily
block, or give values no weather has.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import time
import zoneinfo
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support.serving import serving

SAVED = Path(__file__).with_name("open_meteo")
DAILY_UNITS = {
    "time": "iso8601",
    "temperature_2m_max": "°C",
    "apparent_temperature_max": "°C",
    "relative_humidity_2m_mean": "%",
}
ARCHIVE_LAG_DAYS = 5
FORECAST_PAST_DAYS = 92
FORECAST_DAYS = 16
FAILURES = ("timeout", "500", "malformed", "no_daily", "out_of_range")


@dataclass(frozen=True)
class Asked:
    path: str
    params: dict[str, str]

    @property
    def api(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def first(self) -> dt.date:
        return dt.date.fromisoformat(self.params["start_date"])

    @property
    def last(self) -> dt.date:
        return dt.date.fromisoformat(self.params["end_date"])

    @property
    def cell(self) -> tuple[str, str]:
        return self.params["latitude"], self.params["longitude"]


def weather_on(api: str, latitude, longitude, day: dt.date) -> tuple[float, float, int]:
    """(max temperature, max feels-like, mean humidity) of a cell's day: made up, but the
    same every time, different for each cell and day, and the forecast's differs from the
    archive's, so a test can tell which one a stored day came from."""
    seed = hashlib.sha256(f"{float(latitude):.1f},{float(longitude):.1f},{day}".encode()).digest()
    temperature = round(-5 + seed[0] / 255 * 40, 1)
    if api == "forecast":
        temperature = round(temperature + 0.5, 1)
    return temperature, round(temperature + seed[1] / 255 * 4, 1), 30 + seed[2] % 70


@dataclass
class OpenMeteo:
    port: int = 0
    requests: list[Asked] = field(default_factory=list)
    # The cell's own zone, as Open-Meteo finds it for timezone=auto; else by longitude.
    zones: dict[tuple[str, str], str] = field(default_factory=dict)
    failing: str | None = None
    failing_cells: dict[tuple[str, str], str] = field(default_factory=dict)
    # How far the provider's clock runs ahead of the real one: days pass for the archive.
    ahead: dt.timedelta = dt.timedelta(0)
    slow_s: float = 2.0  # how long "timeout" keeps the client waiting

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail(self, how: str | None, cell: tuple[str, str] | None = None) -> None:
        """From now on answer badly (one of FAILURES), or well again with None; for one
        cell (latitude, longitude as sent) or for all."""
        assert how is None or how in FAILURES, how
        if cell is None:
            self.failing = how
        elif how is None:
            self.failing_cells.pop(cell, None)
        else:
            self.failing_cells[cell] = how

    def asked(self, api: str) -> list[Asked]:
        return [r for r in self.requests if r.api == api]

    def zone(self, cell: tuple[str, str]) -> dt.tzinfo:
        if cell in self.zones:
            return zoneinfo.ZoneInfo(self.zones[cell])
        hours = round(float(cell[1]) / 15)
        return dt.timezone(dt.timedelta(hours=hours))

    def answer(self, asked: Asked) -> tuple[int, bytes]:
        self.requests.append(asked)
        failing = self.failing_cells.get(asked.cell, self.failing)
        if failing == "timeout":
            time.sleep(self.slow_s)
        if failing == "500":
            return 500, b"Internal Server Error"
        if failing == "malformed":
            return 200, b'{"latitude": 53.8, "daily": {"time": ["2026-'
        try:
            body = self._weather(asked, failing)
        except ValueError as exc:
            return 400, json.dumps({"error": True, "reason": str(exc)}).encode()
        return 200, json.dumps(body).encode()

    def _weather(self, asked: Asked, failing: str | None) -> dict:
        params = asked.params
        if params.get("timezone") != "auto":
            raise ValueError("Parameter 'timezone' expected 'auto' in these tests")
        latitude, longitude = float(params["latitude"]), float(params["longitude"])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError(f"Latitude must be in range of -90 to 90°. Given: {latitude}.")
        first, last = asked.first, asked.last
        if last < first:
            raise ValueError("Parameter 'end_date' must be after 'start_date'")
        zone = self.zone(asked.cell)
        today = (dt.datetime.now(zone) + self.ahead).date()
        if asked.api == "forecast" and (
            first < today - dt.timedelta(days=FORECAST_PAST_DAYS)
            or last > today + dt.timedelta(days=FORECAST_DAYS - 1)
        ):
            raise ValueError("Parameter 'start_date' is out of allowed range")
        saved = (
            SAVED / f"{asked.api}_{params['latitude']}_{params['longitude']}_{first}_{last}.json"
        )
        if saved.exists() and failing is None:
            return json.loads(saved.read_text())
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        columns = {name: [] for name in DAILY_UNITS if name != "time"}
        for day in days:
            values = weather_on(asked.api, latitude, longitude, day)
            if asked.api == "archive" and day > today - dt.timedelta(days=ARCHIVE_LAG_DAYS):
                values = (None, None, None)
            if failing == "out_of_range":
                values = (71.5, -95.0, 140)
            for name, value in zip(columns, values, strict=True):
                columns[name].append(value)
        offset = dt.datetime.combine(first, dt.time(12), zone).utcoffset()
        body = {
            "latitude": latitude,
            "longitude": longitude,
            "generationtime_ms": 0.5,
            "utc_offset_seconds": int(offset.total_seconds()),
            "timezone": getattr(zone, "key", "GMT"),
            "timezone_abbreviation": dt.datetime.combine(first, dt.time(12), zone).tzname(),
            "elevation": 10.0,
            "daily_units": DAILY_UNITS,
            "daily": {"time": [day.isoformat() for day in days], **columns},
        }
        if failing == "no_daily":
            del body["daily"]
        return body


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        status, body = self.server.service.answer(Asked(url.path, params))
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # a client that gave up waiting
            self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@contextlib.contextmanager
def open_meteo(service: OpenMeteo | None = None):
    """An Open-Meteo (a new OpenMeteo unless given one) on 127.0.0.1 for the duration."""
    service = service or OpenMeteo()
    with serving(_Handler, service) as server:
        service.port = server.server_address[1]
        yield service
