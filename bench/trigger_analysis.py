"""How long the adjusted trigger analysis takes on five years of days, against a floor.

Builds 1,826 synthetic recorded days with every built-in trigger and 20 own triggers,
runs `analyse()` several times and prints the median (min–max). The floor, measured in
the same run, is one least-squares fit of the widest design (every trigger at both lags)
with numpy's lstsq: the ratio says what the whole analysis costs in such fits.

    .venv/bin/python bench/trigger_analysis.py [--runs 7] [--days 1826] [--own 20]

It reports; it never fails on time.
"""

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import msjournal  # noqa: E402, F401  (one BLAS thread a process, as in the app)
from analysis.stats.associations import Day, DayInputs, analyse, derive_triggers  # noqa: E402
from analysis.stats.design import design_matrix  # noqa: E402


def synthetic_days(n_days: int, n_own: int, seed: int = 1) -> list[Day]:
    rng = np.random.default_rng(seed)
    start = dt.date(2021, 1, 1)
    days = []
    for i in range(n_days):
        if rng.random() < 0.1:
            continue  # about one day in ten is not recorded
        hot = bool(rng.random() < 0.25)
        inputs = DayInputs(
            overheated=hot,
            max_temp_c=float(rng.normal(27 if hot else 17, 3)) if rng.random() < 0.6 else None,
            sleep_hours=float(rng.normal(7, 1.2)),
            sleep_quality=int(rng.integers(1, 6)),
            infection="cold_flu" if rng.random() < 0.08 else "none",
            activity=str(rng.choice(["rest", "light", "moderate", "hard"])),
            steps=int(rng.integers(500, 12000)) if rng.random() < 0.5 else None,
            stress=int(rng.integers(0, 11)),
            tags={f"own {k}": bool(rng.random() < 0.3) for k in range(n_own)},
        )
        binary, continuous = derive_triggers(inputs)
        spasms = float(rng.poisson(2.0 * (2 if hot else 1)))
        outcomes = {
            "spasm_count": spasms,
            "spasm_severity_max": float(rng.integers(2, 8)) if spasms else 0.0,
            "pain_max": float(np.clip(round(rng.normal(3, 1.5)), 0, 10)),
        }
        days.append(Day(start + dt.timedelta(days=i), outcomes, binary, continuous))
    return days


def floor_seconds(days: list[Day]) -> float:
    """One numpy lstsq fit of a design with every trigger at both lags."""
    from analysis.stats.associations import _covariates

    names = ["heat", "poor_sleep", "infection", "hard_activity", "high_stress"]
    names += sorted({k for d in days for k in d.binary if k.startswith("tag:")})
    design = design_matrix(_covariates(days, names))
    y = np.array([d.outcomes["pain_max"] for d in days])
    started = time.perf_counter()
    np.linalg.lstsq(design.x, y, rcond=None)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=1826)
    parser.add_argument("--own", type=int, default=20)
    args = parser.parse_args()
    days = synthetic_days(args.days, args.own)
    analyse(days)  # warm-up: imports statsmodels and scipy once, as a worker's first view
    times, floors = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        results = analyse(days)
        times.append(time.perf_counter() - started)
        floors.append(floor_seconds(days))
    ms = [t * 1000 for t in times]
    floor = statistics.median(floors) * 1000
    print(f"{len(days)} recorded days, {args.own} own triggers, {len(results)} comparisons")
    print(f"analyse(): median {statistics.median(ms):.0f} ms ({min(ms):.0f}–{max(ms):.0f})")
    print(f"floor (one lstsq fit): median {floor:.1f} ms")
    print(f"ratio: {statistics.median(ms) / floor:.0f}× the floor")


if __name__ == "__main__":
    main()
