"""The benchmark kit: the app against two floors built beside it, in one run.

    make bench                                   # SQLite
    DATABASE_URL=postgres://… make bench         # a new database on that PostgreSQL server

It builds its own data in a throwaway database (a five-year journal of about 20,000
entries with daily check-ins, a one-week journal, and small journals for load), then
serves three things with gunicorn (2 sync workers each) on free loopback ports:

- the app, and the app again with no pages kept in memory (PAGE_CACHE_SIZE=0: the
  home page drawn on every visit, as after every change to the journal);
- the *bare floor*: a Django project with no middleware and one model, whose two views
  do one INSERT and render a tiny template (bench/floor/);
- the *stack floor*: the same two views behind the app's own middleware, session and
  log-in.

Throughput is measured in interleaved rounds (stack floor, app, bare floor, in turn) with
4 concurrent connections, and each figure is printed as a median with its min–max, its
ratio to the floors' medians, and the median of its ratios round by round (each against
the stack floor measured just before it: the steadier figure when the machine's speed
drifts during a run). It also prints every journal page's server
time and query count for one week and five years of journal, a worker's memory and first
request, and what a phone downloads for each page. It never fails on a time: the
figures are for reading (docs/performance.md), and these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.served import (  # noqa: E402
    Browser,
    app_env,
    django_json,
    gunicorn,
    gunicorn_process,
    manage,
    throwaway_database,
)

CONNECTIONS = 4
SMALL_JOURNALS = 200
BUSY_TODAY = 50
LONG, WEEK = "five-years@example.com", "one-week@example.com"

BUILD = f"""
import json
from bench.journals import busy_today, journal
from bench.served import login_session, settle
from symptoms.models import Entry
long = journal({LONG!r}, days=5 * 365 + 1)
week = journal({WEEK!r}, days=7)
small = [journal(f"small{{i}}@example.com", days=3, per_day=2, seed=i)
         for i in range({SMALL_JOURNALS})]
busy = [busy_today(f"busy{{i}}@example.com", {BUSY_TODAY}) for i in range({CONNECTIONS})]
settle()
def keys(people):
    return [[p.journal_key, login_session(p)] for p in people]
print(json.dumps({{"long": keys([long])[0], "week": keys([week])[0],
                  "small": keys(small), "busy": keys(busy),
                  "entries": Entry.objects.filter(patient=long).count()}}))
"""

PAGES = f"""
import json
from bench.pages import measure
print(json.dumps(measure([{WEEK!r}, {LONG!r}], runs={{runs}})))
"""


# ---------------------------------------------------------------- load


def _people(base_url: str, keys: list[list[str]]) -> list[tuple[Browser, str]]:
    """Logged-in browsers holding a CSRF cookie, each with its journal key."""
    people = []
    for journal_key, session in keys:
        browser = Browser.logged_in(base_url, session)
        browser.get(f"/j/{journal_key}/")
        people.append((browser, journal_key))
    return people


def _rate(send, requests: int) -> tuple[float, int]:
    """Requests a second over `requests` requests on CONNECTIONS connections; and failures."""

    def worker(slot: int) -> int:
        failed = 0
        for n in range(slot, requests, CONNECTIONS):
            if send(slot, n) >= 400:
                failed += 1
        return failed

    started = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        failed = sum(pool.map(worker, range(CONNECTIONS)))
    return requests / (time.perf_counter() - started), failed


def _quick_log(people):
    def send(slot: int, n: int) -> int:
        browser, key = people[n % len(people)] if len(people) > CONNECTIONS else people[slot]
        data = {"region": "both_legs", "severity": str(n % 11), "client_token": str(uuid.uuid4())}
        return browser.post(f"/j/{key}/log/spasm/", data, {"HX-Request": "true"}).status

    return send


def _floor_insert(browsers, path: str):
    def send(slot: int, n: int) -> int:
        return browsers[slot].post(path, {"text": f"note {n}"}).status

    return send


def _get(people, path_of):
    def send(slot: int, n: int) -> int:
        browser, key = people[n % len(people)]
        return browser.get(path_of(key)).status

    return send


def throughput(urls: dict[str, str], data: dict, rounds: int, requests: int) -> dict:
    small = {name: _people(url, data["small"][: CONNECTIONS * 4]) for name, url in urls.items()}
    busy = _people(urls["app"], data["busy"])
    bare = [Browser(urls["bare"]) for _ in range(CONNECTIONS)]
    stack = [b for b, _ in small["stack"][:CONNECTIONS]]
    # Each figure is measured right after its stack floor, so a round's ratio compares
    # two runs a second apart on a shared machine whose speed drifts.
    load = {
        "stack floor: INSERT": _floor_insert(stack, "/floor/insert/"),
        # Other journals than the home page's: a save renews its journal's stamp, so
        # home GET measures a journal left as it was (and "drawn every time" the other).
        "quick-log POST (0 entries today)": _quick_log(
            _people(urls["app"], data["small"][CONNECTIONS * 4 :])
        ),
        "quick-log POST (50 entries today)": _quick_log(busy),
        "bare floor: INSERT": _floor_insert(bare, "/insert/"),
        "stack floor: tiny page": _get(small["stack"], lambda _: "/floor/tiny/"),
        "home GET": _get(small["app"], lambda key: f"/j/{key}/"),
        "home GET, drawn every time": _get(small["drawn"], lambda key: f"/j/{key}/"),
        "bare floor: tiny page": _get([(b, "") for b in bare], lambda _: "/tiny/"),
    }
    for send in load.values():
        _rate(send, CONNECTIONS * 4)  # every worker has loaded its URLs before we count
    samples: dict[str, list[float]] = {name: [] for name in load}
    failures = dict.fromkeys(load, 0)
    for _ in range(rounds):
        for name, send in load.items():
            rate, failed = _rate(send, requests)
            samples[name].append(rate)
            failures[name] += failed
    return {"samples": samples, "failures": failures}


# ---------------------------------------------------------------- memory and weight


def _rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


def _worker_pid(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return _idle(int(children[0]))
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _idle(pid: int) -> int:
    """The worker, once it has finished loading the app: its CPU time stops growing (on a
    busy machine loading takes longer than any fixed wait)."""
    deadline, used = time.monotonic() + 60, -1
    while time.monotonic() < deadline:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        now = int(fields[11]) + int(fields[12])  # utime + stime
        if now == used:
            return pid
        used = now
        time.sleep(0.5)
    raise RuntimeError("the worker was still loading after a minute")


def first_request_and_memory(env: dict, data: dict) -> dict:
    key, session = data["long"]
    heavy = ["triggers/", "week/", "summary/", "summary/pdf/", "export/journal.fhir.json"]
    with gunicorn_process(env, workers=1) as (server, base_url):
        worker = _worker_pid(server.pid)
        booted = _rss_kb(worker)
        browser = Browser.logged_in(base_url, session)
        started = time.perf_counter()
        browser.get(f"/j/{key}/")
        first_ms = (time.perf_counter() - started) * 1000
        after_first = _rss_kb(worker)
        for path in heavy:
            browser.get(f"/j/{key}/{path}")
        after_heavy = _rss_kb(worker)
    return {
        "first_ms": first_ms,
        "booted_mb": booted / 1024,
        "first_mb": (after_first - booted) / 1024,
        "heavy_mb": (after_heavy - booted) / 1024,
    }


def _compressed_size(base_url: str, path: str, cookie: str) -> int:
    address = urllib.parse.urlparse(base_url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
        response = conn.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") != "gzip":
            body = gzip.compress(body)  # what a proxy compressing the page would send
        return len(body)
    finally:
        conn.close()


# What a page's script loads only when the person asks: Explore's plotly.js and its
# stylesheet, named in data- attributes, and the figure's JSON.
ASKED_FOR = r'data-plotly[\w-]*="(/static/[^"]+)"'
FIGURE = r'data-figure="\?([^"]+)"'


def page_weights(base_url: str, data: dict) -> dict[str, int]:
    """Bytes a phone downloads on a first visit to each page: the page and its assets;
    for Explore also what "Zoom and explore" adds (plotly.js, its styles, the figure)."""
    key, session = data["week"]
    browser = Browser.logged_in(base_url, session)
    cookie = f"sessionid={session}"
    weights = {}
    for label, path in [
        ("home", f"/j/{key}/"),
        ("quick log, severity step", f"/j/{key}/log/spasm/?region=both_legs"),
        ("check-in", f"/j/{key}/checkin/"),
        ("history", f"/j/{key}/history/"),
        ("triggers", f"/j/{key}/triggers/"),
        ("week", f"/j/{key}/week/"),
        ("visit summary", f"/j/{key}/summary/"),
        ("explore", f"/j/{key}/explore/"),
    ]:
        html = browser.get(path).body
        assets = sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html)))
        weights[label] = _compressed_size(base_url, path, cookie) + sum(
            _compressed_size(base_url, asset, cookie) for asset in assets
        )
        if figure := re.search(FIGURE, html):
            asked = [*re.findall(ASKED_FOR, html), f"{path}?{unescape(figure.group(1))}"]
            weights[f"{label}, then Zoom and explore"] = weights[label] + sum(
                _compressed_size(base_url, asset, cookie) for asset in asked
            )
    return weights


# ---------------------------------------------------------------- report


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f} ({min(values):.1f}–{max(values):.1f})"


def print_throughput(result: dict) -> None:
    samples, failures = result["samples"], result["failures"]
    medians = {name: statistics.median(v) for name, v in samples.items()}
    floors = {
        "quick-log POST (0 entries today)": ("bare floor: INSERT", "stack floor: INSERT"),
        "quick-log POST (50 entries today)": ("bare floor: INSERT", "stack floor: INSERT"),
        "home GET": ("bare floor: tiny page", "stack floor: tiny page"),
        "home GET, drawn every time": ("bare floor: tiny page", "stack floor: tiny page"),
    }
    print("\n## Throughput: requests/s, median (min–max), and against the floors")
    for name, values in samples.items():
        line = f"{name:36} {_spread(values)}"
        if name in floors:
            bare, stack = (medians[floor] for floor in floors[name])
            rounds = [f / v for f, v in zip(samples[floors[name][1]], values, strict=True)]
            line += (
                f"   time {bare / medians[name]:.2f}× the bare floor's,"
                f" {stack / medians[name]:.2f}× the stack floor's"
                f" ({medians[name] / stack:.0%} of its throughput);"
                f" round by round {statistics.median(rounds):.2f}×"
                f" ({min(rounds):.2f}–{max(rounds):.2f})"
            )
        if failures[name]:
            line += f"   FAILED {failures[name]}"
        print(line)


def print_pages(figures: dict) -> None:
    print("\n## Journal pages, server time in the view (ms) and queries: 1 week | 5 years")
    for page, by_who in figures.items():
        week, long = by_who[WEEK], by_who[LONG]
        print(
            f"{page:15} {week['median_ms']:8.1f} ms {week['queries']:3} q"
            f"  | {long['median_ms']:8.1f} ms ({long['min_ms']:.0f}–{long['max_ms']:.0f})"
            f" {long['queries']:3} q   {long['median_ms'] / max(week['median_ms'], 0.01):5.1f}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (7)")
    parser.add_argument("--requests", type=int, default=600, help="requests a round (600)")
    parser.add_argument("--page-runs", type=int, default=3, help="runs of each page (3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, throwaway_database(Path(folder)) as url:
        env = app_env(url)
        floors = {
            "bare": {**env, "DJANGO_SETTINGS_MODULE": "bench.floor.settings_bare"},
            "stack": {**env, "DJANGO_SETTINGS_MODULE": "bench.floor.settings_stack"},
        }
        manage(floors["stack"], "migrate", "--verbosity", "0")
        print(f"Database: {url.split('@')[-1]}")
        started = time.perf_counter()
        data = django_json(env, BUILD)
        took = time.perf_counter() - started
        print(f"Built {data['entries']} entries of five years in {took:.0f} s")
        # Pages drawn every time: the figures are what drawing each page costs.
        pages_env = {**env, "DJANGO_ALLOWED_HOSTS": "localhost", "PAGE_CACHE_SIZE": "0"}
        print_pages(django_json(pages_env, PAGES.format(runs=args.page_runs)))
        memory = first_request_and_memory(env, data)
        print(
            f"\n## A worker's memory and first request\nafter boot {memory['booted_mb']:.0f} MB;"
            f" first request {memory['first_ms']:.0f} ms, +{memory['first_mb']:.1f} MB;"
            f" after the heavy pages +{memory['heavy_mb']:.1f} MB"
        )
        with (
            gunicorn(env, workers=2) as app,
            gunicorn({**env, "PAGE_CACHE_SIZE": "0"}, workers=2) as drawn,
            gunicorn(floors["bare"], workers=2, app="bench.floor.wsgi") as bare,
            gunicorn(floors["stack"], workers=2, app="bench.floor.wsgi") as stack,
        ):
            urls = {"app": app, "drawn": drawn, "bare": bare, "stack": stack}
            print_throughput(throughput(urls, data, args.rounds, args.requests))
            print("\n## What a phone downloads on a first visit (compressed bytes)")
            for label, size in page_weights(app, data).items():
                print(f"{label:28} {size / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
