"""How often a treatment change stands out on planted diaries, and how long it takes.

Runs the before/after analysis on many seeded 120-day diaries (tests/support/diaries.py
plants them): a medicine that halves spasms from three days after its start, the same
medicine with no effect started as hot days go from 10% to 60% (heat doubles spasms), and
no change at all. Prints the share of diaries in which the change stands out, the share
of comparisons with p < 0.05 under no effect, and the time per diary.

    .venv/bin/python bench/treatment_effects.py [--diaries 200]

It reports; it never fails.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msjournal  # noqa: E402, F401  (one BLAS thread a process, as in the app)
from analysis.stats.treatment_effects import treatment_effects  # noqa: E402
from tests.support.diaries import TIZANIDINE, treatment_diary  # noqa: E402

SCENARIOS = {
    "effective (rate halved)": {"rate_after": 0.5},
    "no effect, weather turns hot": {"hot_before": 0.1, "hot_after": 0.6},
    "no effect, no change": {},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diaries", type=int, default=200)
    n = parser.parse_args().diaries
    for offset, (name, plant) in enumerate(SCENARIOS.items()):
        began = time.perf_counter()
        reports = [
            treatment_effects(treatment_diary(10_000 * (offset + 1) + s, **plant), TIZANIDINE)[0]
            for s in range(n)
        ]
        seconds = (time.perf_counter() - began) / n
        spasms_out = sum(r.results[0].stands_out for r in reports)
        any_out = sum(any(x.stands_out for x in r.results) for r in reports)
        below = [sum(r.results[k].p_value < 0.05 for r in reports) for k in range(3)]
        print(
            f"{name}: spasms stand out in {spasms_out}/{n}, any outcome in {any_out}/{n}; "
            f"p < 0.05 per outcome {below}; {1000 * seconds:.0f} ms a diary"
        )


if __name__ == "__main__":
    main()
