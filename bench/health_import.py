"""How long reading a big Apple Health export takes, and the memory it needs, against a
floor measured in the same run.

Builds an export.zip of about --size-mb MB of XML (bench/apple_export.py: years of a
phone's and a watch's records, sleep and steps among heart rate, energy and distance),
then, in turns, each in a fresh process:

- the floor: a bare incremental pass over the same member, the standard library's
  iterparse with each element cleared, nothing kept;
- `health.formats.read_export` on the zip, as the import runs it;
- the whole import as the queue's worker runs it (`health.tasks.run_import`): the file
  read, its days stored in a SQLite database of the run's own, the file deleted (each
  run reads its own copy, made before the clock starts). From the second run on, the
  days are there already and nothing is written: the import's time is its reading.

Each prints its median time (min–max) over --runs, and its peak memory: the process's
peak resident set (VmHWM in /proc/self/status, read by the process itself at the end:
getrusage's ru_maxrss would count the bench's own size, which Linux carries over into a
child across exec), with what the interpreter and the imports held before the reading. The aims
are a time within 2× the floor's and a peak under 150 MB; it never fails on them, the
machines are shared and noisy.

    .venv/bin/python bench/health_import.py [--size-mb 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.apple_export import MEMBER, build  # noqa: E402

AIM_RATIO, AIM_PEAK_MB = 2.0, 150


def _status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (its peak) of this process, in MB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+)", status).group(1)) / 1024


def floor(path: str) -> str:
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(path) as archive, archive.open(MEMBER) as member:
        for _event, element in ET.iterparse(member):
            element.clear()
    return ""


def reader(path: str) -> str:
    from zoneinfo import ZoneInfo

    from health.formats import read_export

    days = read_export(path, ZoneInfo("Europe/London"))
    return f"{len(days.sleep)} nights, {len(days.steps)} days of steps"


def importer(path: str):
    """The whole import of a copy of the zip, as the worker runs it; Django, the models
    and a patient made ready before the clock starts."""
    import shutil

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from health.models import HealthImport
    from health.tasks import run_import

    patient, _ = get_user_model().objects.get_or_create(
        email="bench@example.com", defaults={"time_zone": "Europe/London"}
    )
    copy = Path(path).with_name("handed-in.zip")
    shutil.copyfile(path, copy)  # run_import deletes what it has read
    job = HealthImport.objects.create(
        patient=patient, file_name="export.zip", stored=str(copy), size=copy.stat().st_size
    )

    def work(_path: str) -> str:
        brought = run_import(job)
        return job.message if brought is None else f"{len(brought.added_dates)} days added"

    return work


def child(kind: str, path: str) -> None:
    """One measurement, in this fresh process; its figures as JSON on stdout."""
    work = importer(path) if kind == "import" else {"floor": floor, "reader": reader}[kind]
    if kind == "reader":
        import health.formats.apple_health  # noqa: F401  (imports before the baseline)
    before = _status_mb("VmRSS")
    began = time.perf_counter()
    found = work(path)
    seconds = time.perf_counter() - began
    peak = _status_mb("VmHWM")
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "before_mb": before, "found": found}))


def measure(kind: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(path),
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _environment(path: Path) -> dict:
    """The children's environment: the checkout on the path, and a database of the run's
    own beside the export."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "msjournal.settings",
        "DJANGO_SECRET_KEY": "bench-only-key",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{path.with_name('bench.sqlite3')}",
    }


def _spread(values: list[float], unit: str) -> str:
    return f"{statistics.median(values):7.2f} {unit} ({min(values):.2f}–{max(values):.2f})"


def report(name: str, runs: list[dict]) -> None:
    times = [run["seconds"] for run in runs]
    peaks = [run["peak_mb"] for run in runs]
    print(
        f"{name:34} {_spread(times, 's')}   peak {max(peaks):6.1f} MB"
        f" ({runs[0]['before_mb']:.1f} MB before reading)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1000, help="MB of XML (1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (3)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.zip"
        began = time.perf_counter()
        built = build(path, args.size_mb)
        print(
            f"Apple Health export: {built['xml_bytes'] / 1e6:,.0f} MB of XML over"
            f" {built['days']:,} days, {built['zip_bytes'] / 1e6:,.1f} MB zipped;"
            f" built in {time.perf_counter() - began:.0f} s. {args.runs} runs,"
            f" {os.cpu_count()} cores"
        )
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"],
            check=True,
            env=_environment(path),
        )
        runs: dict[str, list[dict]] = {"floor": [], "reader": [], "import": []}
        for _ in range(args.runs):
            for kind in runs:  # in turns, so a drift in the machine's speed hits both
                runs[kind].append(measure(kind, path))
    report("floor: bare iterparse, cleared", runs["floor"])
    report("read_export", runs["reader"])
    report("the import (read, stored, deleted)", runs["import"])
    print(
        f"read_export found {runs['reader'][0]['found']}; the import: {runs['import'][0]['found']}"
    )
    floor_time = statistics.median(r["seconds"] for r in runs["floor"])
    for kind, name in (("reader", "read_export"), ("import", "the import")):
        ratio = statistics.median(r["seconds"] for r in runs[kind]) / floor_time
        peak = max(r["peak_mb"] for r in runs[kind])
        print(
            f"{name}: time {ratio:.2f}× the floor's (aim ≤ {AIM_RATIO:g}×);"
            f" peak {peak:.0f} MB (aim ≤ {AIM_PEAK_MB} MB)"
        )


if __name__ == "__main__":
    main()
