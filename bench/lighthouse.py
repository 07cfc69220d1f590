"""Lighthouse's mobile performance score on every journal page a person visits.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--only home,week] [--reports DIR]

Installs the pinned Lighthouse of bench/package-lock.json into bench/node_modules (`npm
ci`) when it is not there, and runs it with Debian's Chromium (/usr/bin/chromium; it
never downloads a browser). Serves the app with gunicorn on a throwaway database holding
the demo journal (`manage.py seed_demo`, plus a treatment, a caregiver, a clinician link
and an access log), logged in as the demo patient, and runs Lighthouse's default mobile
emulation (a mid-range phone on slow 4G, simulated) on one page at a time. It prints one
line a page: the medians over the runs of the score and of FCP, LCP, TBT and CLS, and
whether the score is within its budget (95; Explore's 90). For a page under it, the
audits that cost it most. It never fails on a score: the figures are for reading
(docs/performance.md, "Lighthouse on every journal page").
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import served  # noqa: E402

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update"
)
BUDGET = 95
# A page with a budget of its own: Explore may load plotly.js, once the person asks for it.
BUDGETS = {"explore": 90}
WORKERS = 2
# Lighthouse audit id -> (column, unit shown, factor from Lighthouse's numericValue).
METRICS = {
    "first-contentful-paint": ("FCP", "s", 1 / 1000),
    "largest-contentful-paint": ("LCP", "s", 1 / 1000),
    "total-blocking-time": ("TBT", "ms", 1),
    "cumulative-layout-shift": ("CLS", "", 1),
}

# The demo journal, with what seed_demo leaves out (a treatment, a caregiver who looked),
# and the address of every page: (name, URL name, pk or None, query string).
PAGES = [
    ("home", "home", None, ""),
    ("quick spasm", "quick_spasm", None, ""),
    ("quick spasm severity", "quick_spasm", None, "region=both_legs"),
    ("quick pain", "quick_pain", None, ""),
    ("spasm form", "spasm_create", None, ""),
    ("pain form", "pain_create", None, ""),
    ("pain checklist", "pain_more", "pain", ""),
    ("history", "history", None, ""),
    ("entry", "entry_detail", "entry", ""),
    ("entry edit", "entry_edit", "entry", ""),
    ("entry delete", "entry_delete", "entry", ""),
    ("check-in", "check_in", None, ""),
    ("triggers", "insights", None, ""),
    ("explore", "explore", None, ""),
    ("own triggers", "own_triggers", None, ""),
    ("week", "week", None, ""),
    ("visit summary", "summary", None, ""),
    ("print page", "summary_print", None, ""),
    ("treatments", "treatment_list", None, ""),
    ("treatment add", "treatment_add", None, ""),
    ("treatment dose", "treatment_dose", "treatment", ""),
    ("treatment stop", "treatment_stop", "treatment", ""),
    ("side effect", "side_effect_add", "treatment", ""),
    ("before-after", "treatment_effect", "treatment", ""),
    ("took a dose", "dose_log", None, ""),
    ("sharing (access log)", "sharing", None, ""),
    ("clinician links", "clinician_links", None, ""),
    ("clinician's page", "clinician_shared", "link", ""),
    ("import", "import", None, ""),
    ("import guide", "import_guide", None, ""),
    ("profile", "profile", None, ""),
]

DEMO = """
import datetime as dt, json
from django.urls import reverse
from accounts.models import User
from bench.served import login_session
from demo.management.commands.seed_demo import DEMO_EMAIL
from sharing.models import AccessLogEntry, Invitation
from symptoms.models import Entry
from treatments.models import Treatment, TreatmentPeriod
from clinician.models import ClinicianLink
me = User.objects.get(email=DEMO_EMAIL)
carer = User.objects.create_user("carer@example.com", "carer-demo-pass", display_name="Sam")
Invitation.issue(patient=me, permission="view")[0].accept(caregiver=carer)
for what in ["home:GET", "week:GET", "history:GET"]:
    AccessLogEntry.objects.create(patient=me, caregiver=carer, what=what)
pill = Treatment.objects.create(patient=me, name="Baclofen")
started = dt.date.today() - dt.timedelta(days=50)
TreatmentPeriod.objects.create(treatment=pill, dose=10, unit="mg", times_a_day=3, started=started)
pk = {"treatment": pill.pk, "entry": Entry.objects.filter(patient=me, kind="spasm").last().pk,
      "pain": Entry.objects.filter(patient=me, kind="pain").last().pk}
today = me.today()
link, token = ClinicianLink.issue(patient=me, made_by=me, first=today - dt.timedelta(days=89),
                                  last=today, lifetime="week")
def address(name, of, query):
    if of == "link":  # opened with its token, as the clinician opens it
        return reverse(name, args=[token])
    kwargs = {} if name in ("import_guide", "profile") else {"journal": me.journal_key}
    kwargs |= {"pk": pk[of]} if of else {}
    return reverse(name, kwargs=kwargs) + ("?" + query if query else "")
from django.contrib.sessions.backends.db import SessionStore
session = SessionStore(session_key=login_session(me))
session["clinician_links_unlocked"] = [link.pk]  # the door opened: the summary is measured
session.save()
print(json.dumps([session.session_key, {n: address(u, of, q) for n, u, of, q in PAGES}]))
"""


def install() -> None:
    """The pinned Lighthouse in bench/node_modules, installed from the lock file if missing."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"], check=True)


def lighthouse(base_url: str, session_key: str, path: str) -> dict | None:
    """One Lighthouse report (its JSON) of a page, mobile, performance only; None on failure."""
    done = subprocess.run(
        [str(LIGHTHOUSE), base_url + path, "--quiet", "--output=json"]
        + ["--only-categories=performance", f"--chrome-path={CHROMIUM}"]
        + [f"--chrome-flags={CHROME_FLAGS}"]
        + [f"--extra-headers={json.dumps({'Cookie': f'sessionid={session_key}'})}"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        print(f"  lighthouse failed on {path}: {done.stderr.strip()[-300:]}")
        return None
    return json.loads(done.stdout)


def score(report: dict) -> float:
    return report["categories"]["performance"]["score"] * 100


def line(name: str, reports: list[dict]) -> str:
    """The page's medians: score, metrics, and the budget."""
    median = statistics.median(score(r) for r in reports)
    budget = BUDGETS.get(name, BUDGET)
    shown = []
    for audit, (label, unit, factor) in METRICS.items():
        value = statistics.median(r["audits"][audit]["numericValue"] * factor for r in reports)
        shown.append(f"{label} {value:.2f}{unit}" if unit != "ms" else f"{label} {value:.0f}ms")
    verdict = "within" if median >= budget else "UNDER"
    return f"{name:20} {median:3.0f}  {'  '.join(shown)}  (budget ≥{budget}: {verdict})"


def costs(report: dict) -> list[str]:
    """The audits that cost the score, as Lighthouse words them, worst first."""
    audits = report["audits"]
    failing = [
        a
        for a in audits.values()
        if a.get("score") is not None and a["score"] < 0.9 and a["id"] not in METRICS
    ]
    failing.sort(key=lambda a: a["score"])
    return [f"{a['title']}: {a.get('displayValue', '')}".rstrip(": ") for a in failing[:6]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="names of pages, comma-separated")
    parser.add_argument("--reports", type=Path, help="keep each page's last report here")
    args = parser.parse_args()
    install()
    pages = [p for p in PAGES if not args.only or p[0] in args.only.split(",")]
    with tempfile.TemporaryDirectory() as folder, served.throwaway_database(Path(folder)) as db:
        env = served.app_env(db)
        served.manage(env, "migrate", "--noinput", "-v0")
        served.manage(env, "collectstatic", "--noinput", "-v0")
        served.manage(env, "seed_demo")
        session, paths = served.django_json(env, f"PAGES = {pages!r}\n{DEMO}")
        with served.gunicorn(env, workers=WORKERS) as base_url:
            served.warm_up(base_url, session, paths.values(), times=WORKERS * 2)
            print(f"Lighthouse mobile performance, median of {args.runs} runs a page:")
            for name, path in paths.items():
                reports = [lighthouse(base_url, session, path) for _ in range(args.runs)]
                show(name, [r for r in reports if r], args.reports)


def show(name: str, reports: list[dict], keep: Path | None) -> None:
    """A page's line; for one under the budget, what cost it; its last report kept."""
    if not reports:
        return
    print(line(name, reports), flush=True)
    if statistics.median(score(r) for r in reports) < BUDGETS.get(name, BUDGET):
        for cost in costs(reports[-1]):
            print(f"{'':22}{cost}")
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{name.replace(' ', '-')}.json").write_text(json.dumps(reports[-1]))


if __name__ == "__main__":
    main()
