"""Which triggers go with worse days: plain statistics, no Django.

Input is one `Day` per recorded day (a date with a check-in or at least one entry).
Unrecorded days are simply absent: they are missing, never zero.

For every trigger × outcome × lag (same day, next day) we report the effect with a 95%
confidence interval, the days on each side, a p-value and a Benjamini–Hochberg q-value
across all tests that had enough data. A result *stands out* only when it has enough data
and its q-value is under 0.05. None of this says a trigger causes anything: it says which
days tend to go together.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy import stats

OUTCOMES = ("spasm_count", "spasm_severity_max", "pain_max")
BINARY_TRIGGERS = ("heat", "poor_sleep", "infection", "hard_activity", "high_stress")
CONTINUOUS_TRIGGERS = ("max_temp_c", "sleep_hours", "stress", "steps")
LAGS = (0, 1)

FDR = 0.05
MIN_DAYS_EACH_SIDE = 5
MIN_DAYS_TOTAL = 14  # two weeks: less than that is an anecdote, not a pattern
MIN_PAIRS_CONTINUOUS = 14

POOR_SLEEP_HOURS = 6
POOR_SLEEP_QUALITY = 2
HIGH_STRESS = 7
DEFAULT_HEAT_THRESHOLD_C = 25.0


@dataclass(frozen=True)
class DayInputs:
    """What a check-in recorded for one day; None means not recorded."""

    overheated: bool | None = None
    max_temp_c: float | None = None
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    infection: str | None = None  # "none", "cold_flu", "uti", "other"
    fever: bool | None = None
    activity: str | None = None  # "rest", "light", "moderate", "hard"
    steps: int | None = None
    stress: int | None = None
    tags: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Day:
    date: dt.date
    outcomes: dict[str, float]
    binary: dict[str, bool | None]
    continuous: dict[str, float | None]


@dataclass
class Result:
    trigger: str
    outcome: str
    lag_days: int
    kind: str  # "binary" or "continuous"
    n_with: int
    n_without: int
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    q_value: float | None = None
    enough_data: bool = False
    stands_out: bool = False

    def as_dict(self) -> dict:
        return {k: _rounded(v) for k, v in asdict(self).items()}


def _rounded(value):
    if isinstance(value, float):
        return float(f"{value:.4g}")
    return value


def _either(*answers: bool | None) -> bool | None:
    """True if any answer is True, False if at least one is False and none True, else None."""
    if any(a is True for a in answers):
        return True
    if any(a is False for a in answers):
        return False
    return None


def derive_triggers(
    inputs: DayInputs, heat_threshold_c: float = DEFAULT_HEAT_THRESHOLD_C
) -> tuple[dict[str, bool | None], dict[str, float | None]]:
    """The binary and continuous triggers of one day, from what its check-in recorded."""

    def at_least(value, threshold):
        return None if value is None else value >= threshold

    def below(value, threshold):
        return None if value is None else value < threshold

    infection = None if inputs.infection in (None, "") else inputs.infection != "none"
    binary: dict[str, bool | None] = {
        "heat": _either(inputs.overheated, at_least(inputs.max_temp_c, heat_threshold_c)),
        "poor_sleep": _either(
            below(inputs.sleep_hours, POOR_SLEEP_HOURS),
            None if inputs.sleep_quality is None else inputs.sleep_quality <= POOR_SLEEP_QUALITY,
        ),
        "infection": _either(infection, inputs.fever),
        "hard_activity": None if inputs.activity in (None, "") else inputs.activity == "hard",
        "high_stress": at_least(inputs.stress, HIGH_STRESS),
    }
    for name, present in inputs.tags.items():
        binary[f"tag:{name}"] = present
    continuous = {
        "max_temp_c": inputs.max_temp_c,
        "sleep_hours": inputs.sleep_hours,
        "stress": None if inputs.stress is None else float(inputs.stress),
        "steps": None if inputs.steps is None else float(inputs.steps),
    }
    return binary, continuous


def _pairs(days: Sequence[Day], lag: int, value_of) -> list[tuple[object, float]]:
    """(trigger value on day d, outcome on day d + lag) for days where both are known."""
    by_date = {day.date: day for day in days}
    pairs = []
    for day in days:
        value = value_of(day)
        later = by_date.get(day.date + dt.timedelta(days=lag))
        if value is not None and later is not None:
            pairs.append((value, later))
    return pairs


def _welch(
    with_: np.ndarray, without: np.ndarray
) -> tuple[float, float | None, float | None, float | None]:
    """Difference of means (with − without), its 95% CI and two-sided p (Welch's t).

    When every day on both sides has the same value there is no spread to judge the
    difference against: no interval, no p-value.
    """
    diff = float(with_.mean() - without.mean())
    var_w = with_.var(ddof=1) / len(with_)
    var_o = without.var(ddof=1) / len(without)
    se = math.sqrt(var_w + var_o)
    if se == 0:
        return diff, None, None, None
    df = (var_w + var_o) ** 2 / (var_w**2 / (len(with_) - 1) + var_o**2 / (len(without) - 1))
    t_crit = float(stats.t.ppf(0.975, df))
    p = float(2 * stats.t.sf(abs(diff / se), df))
    return diff, diff - t_crit * se, diff + t_crit * se, p


def split_by_trigger(
    days: Sequence[Day], trigger: str, outcome: str, lag: int
) -> tuple[list[float], list[float]]:
    """The outcome `lag` days after days with the trigger, and after days without it."""
    pairs = _pairs(days, lag, lambda d: d.binary.get(trigger))
    with_ = [later.outcomes[outcome] for present, later in pairs if present]
    without = [later.outcomes[outcome] for present, later in pairs if not present]
    return with_, without


def _binary_result(days, trigger, outcome, lag) -> Result:
    with_, without = (np.array(v, float) for v in split_by_trigger(days, trigger, outcome, lag))
    result = Result(
        trigger, outcome, lag, "binary", len(with_), len(without), None, None, None, None
    )
    result.enough_data = (
        len(with_) >= MIN_DAYS_EACH_SIDE
        and len(without) >= MIN_DAYS_EACH_SIDE
        and len(with_) + len(without) >= MIN_DAYS_TOTAL
    )
    if len(with_) >= 2 and len(without) >= 2:
        result.effect, result.ci_low, result.ci_high, result.p_value = _welch(with_, without)
    elif len(with_) and len(without):
        result.effect = float(with_.mean() - without.mean())
    result.enough_data = result.enough_data and result.p_value is not None
    return result


def _continuous_result(days, trigger, outcome, lag) -> Result:
    pairs = _pairs(days, lag, lambda d: d.continuous.get(trigger))
    x = np.array([value for value, _ in pairs], float)
    y = np.array([later.outcomes[outcome] for _, later in pairs], float)
    result = Result(trigger, outcome, lag, "continuous", len(pairs), 0, None, None, None, None)
    varies = len(pairs) >= 3 and np.ptp(x) > 0 and np.ptp(y) > 0
    result.enough_data = bool(varies and len(pairs) >= MIN_PAIRS_CONTINUOUS)
    if varies:
        rho, p = stats.spearmanr(x, y)
        rho = float(np.clip(rho, -0.999999, 0.999999))
        # Fisher's z with Bonett and Wright's standard error for Spearman's rho.
        if len(pairs) > 3:
            se = math.sqrt((1 + rho**2 / 2) / (len(pairs) - 3))
            z = math.atanh(rho)
            result.ci_low, result.ci_high = math.tanh(z - 1.96 * se), math.tanh(z + 1.96 * se)
        result.effect, result.p_value = rho, float(p)
    return result


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the input order."""
    m = len(p_values)
    if m == 0:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q


def analyse(days: Iterable[Day], extra_binary: Iterable[str] = ()) -> list[Result]:
    """Every trigger × outcome × lag, with q-values and which results stand out.

    Results are ordered: standing out first (smallest q), then the rest with enough
    data, then those without.
    """
    days = sorted(days, key=lambda d: d.date)
    binary_names = list(BINARY_TRIGGERS) + sorted(
        set(extra_binary) | {name for d in days for name in d.binary if name.startswith("tag:")}
    )
    results = [
        _binary_result(days, trigger, outcome, lag)
        for trigger in binary_names
        for outcome in OUTCOMES
        for lag in LAGS
    ] + [
        _continuous_result(days, trigger, outcome, lag)
        for trigger in CONTINUOUS_TRIGGERS
        for outcome in OUTCOMES
        for lag in LAGS
    ]
    tested = [r for r in results if r.enough_data and r.p_value is not None]
    for result, q in zip(tested, benjamini_hochberg([r.p_value for r in tested]), strict=True):
        result.q_value = q
        result.stands_out = q < FDR
    return sorted(
        results,
        key=lambda r: (
            not r.stands_out,
            not r.enough_data,
            r.q_value if r.q_value is not None else 2,
        ),
    )
