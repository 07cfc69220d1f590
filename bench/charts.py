"""The chart pages on a slow phone: bytes of a first visit and time until the chart shows.

    .venv/bin/python bench/charts.py [--runs 3] [--lighthouse]

Serves the app with gunicorn on a throwaway database holding the demo journal
(`manage.py seed_demo`), then opens the triggers page and the week page in headless
Chromium (/usr/bin/chromium) at 390×844, throttled through the DevTools protocol like a
mid-range phone on 4G: about 1.6 Mbps down, 750 kbps up, 150 ms round trip, and the CPU
four times slower. Each visit starts with an empty cache. It prints, per page:

- the bytes on the wire (compressed where the server compressed them), and the budget;
- the time from starting the navigation until the first chart is visible, and the
  first contentful paint.

With --lighthouse it also runs Lighthouse's mobile preset on each page, the pinned
version bench/lighthouse.py installs into bench/node_modules (that script runs it on every
journal page). It never fails on a time:
these machines are shared and noisy, and the figures are for reading
(docs/performance.md, "Charts on a phone").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import lighthouse, served  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BUDGET_BYTES = 500_000
BUDGET_SECONDS = 3.0
# Chromium's DevTools throttling: throughput in bytes per second, latency in ms.
PHONE_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
CHART = "svg.svg-chart"
WORKERS = 2

DEMO = """
import json
from accounts.models import User
from bench.served import login_session
from demo.management.commands.seed_demo import DEMO_EMAIL
user = User.objects.get(email=DEMO_EMAIL)
print(json.dumps([user.journal_key, login_session(user)]))
"""


def first_visit(browser, base_url: str, session_key: str, path: str) -> dict:
    """One throttled visit with an empty cache: bytes, seconds to chart, first paint."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "sessionid", "value": session_key, "url": base_url}])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", PHONE_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    wire: dict[str, int] = {}
    # encodedDataLength: what crossed the network for the response, headers included.
    cdp.on(
        "Network.loadingFinished", lambda e: wire.update({e["requestId"]: e["encodedDataLength"]})
    )
    started = time.perf_counter()
    page.goto(base_url + path, wait_until="commit")
    page.wait_for_selector(CHART, state="visible")
    to_chart = time.perf_counter() - started
    page.wait_for_load_state("load")
    paint = page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"
    )
    scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)")
    context.close()
    return {
        "bytes": sum(wire.values()),
        "responses": len(wire),
        "to_chart_s": to_chart,
        "first_paint_s": paint / 1000 if paint else None,
        "scripts": scripts,
    }


def lighthouse_score(base_url: str, session_key: str, path: str) -> float | None:
    """Lighthouse's mobile performance score (0–100), or None where it could not run."""
    report = lighthouse.lighthouse(base_url, session_key, path)
    return None if report is None else lighthouse.score(report)


def report(name: str, runs: list[dict]) -> None:
    seconds = [r["to_chart_s"] for r in runs]
    paints = [r["first_paint_s"] for r in runs if r["first_paint_s"]]
    size = runs[-1]["bytes"]
    print(
        f"{name:9} {size / 1000:6.1f} KB over {runs[-1]['responses']} responses "
        f"(budget {BUDGET_BYTES / 1000:.0f} KB: {'within' if size <= BUDGET_BYTES else 'OVER'}); "
        f"chart visible after {statistics.median(seconds):.2f} s "
        f"(min {min(seconds):.2f}, max {max(seconds):.2f}; budget {BUDGET_SECONDS:.0f} s); "
        f"first contentful paint {statistics.median(paints):.2f} s"
    )
    print(f"{'':9} scripts: {', '.join(Path(s).name for s in runs[-1]['scripts']) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lighthouse", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, served.throwaway_database(Path(folder)) as db:
        env = served.app_env(db)
        served.manage(env, "migrate", "--noinput", "-v0")
        served.manage(env, "collectstatic", "--noinput", "-v0")
        served.manage(env, "seed_demo")
        key, session = served.django_json(env, DEMO)
        pages = {"triggers": f"/j/{key}/triggers/", "week": f"/j/{key}/week/"}
        with served.gunicorn(env, workers=WORKERS) as base_url, sync_playwright() as p:
            served.warm_up(base_url, session, pages.values(), times=WORKERS * 3)
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"First visits at 390×844, ~1.6 Mbps / 150 ms, CPU ×{CPU_SLOWDOWN}:")
            for name, path in pages.items():
                report(
                    name, [first_visit(browser, base_url, session, path) for _ in range(args.runs)]
                )
            browser.close()
            if args.lighthouse:
                lighthouse.install()
                for name, path in pages.items():
                    score = lighthouse_score(base_url, session, path)
                    shown = "not run" if score is None else f"{score:.0f}"
                    print(f"{name:9} lighthouse mobile performance: {shown}")


if __name__ == "__main__":
    main()
