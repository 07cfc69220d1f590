"""Which triggers go with worse days: plain statistics, no Django.

Input is one `Day` per recorded day (a date with a check-in or at least one entry).
Unrecorded days are simply absent: they are missing, never zero.

For each outcome one model holds every trigger at once (same day and day before), so a
trigger's effect is adjusted for the others: a fan switched on on hot days does not
borrow the heat's effect. A trigger that comes in runs (hot spells: today much like
yesterday) is judged over the spell, the day itself and the day before together, in
one result with lag "0-1". For every trigger × outcome × lag we report that adjusted
effect with a 95% confidence interval, the days on each side, a p-value and a
Benjamini–Hochberg q-value across all comparisons that had enough data, beside the plain
with/without figures as description. A result *stands out* only when it has enough data
and its q-value is under 0.05. None of this says a trigger causes anything: it says which
days tend to go together. docs/analysis.md explains the method.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from analysis.stats.comparisons import FDR, benjamini_hochberg

# numpy and the model fitting load when an analysis runs, not with the pages that only
# need the names below: a worker answers its first request without them.
if TYPE_CHECKING:
    import numpy as np

    from analysis.stats import fitting
    from analysis.stats.design import Covariate
    from analysis.stats.periods import Period

OUTCOMES = ("spasm_count", "spasm_severity_max", "pain_max")
BINARY_TRIGGERS = ("heat", "poor_sleep", "infection", "hard_activity", "high_stress")
CONTINUOUS_TRIGGERS = ("max_temp_c", "sleep_hours", "stress", "steps")
LAGS = (0, 1)
# The lag of a trigger judged over a spell: the day itself and the day before together.
JOINT_LAG = "0-1"
# A trigger whose same-day and day-before columns correlate at least this much is judged
# over the spell. With two columns correlated r, the sum of their coefficients has
# 2(1 − r) times the variance of either one alone (all else equal): past 0.5 the spell is
# measured more precisely than either day, while each day alone blurs into the other.
RUNS_AT = 0.5

MIN_DAYS_EACH_SIDE = 5
MIN_DAYS_TOTAL = 14  # two weeks: less than that is an anecdote, not a pattern
MIN_PAIRS_CONTINUOUS = 14
# A model needs this many more days than it has columns before its errors mean anything.
MIN_SPARE_DAYS = 10

# Continuous effects are given per this much more of the trigger.
CONTINUOUS_STEPS = {"max_temp_c": 5.0, "sleep_hours": 1.0, "stress": 1.0, "steps": 1000.0}
# A measure and the yes/no made from it are two views of one trigger, never adjusted for
# each other: the measure's model holds every other trigger and leaves its twin out.
TWINS = {"max_temp_c": "heat", "sleep_hours": "poor_sleep", "stress": "high_stress"}

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
    lag_days: int | str  # 0, 1, or JOINT_LAG for the day itself and the day before
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
    model: str | None = None
    step: float | None = None  # continuous: the effect is per this much more
    rate_ratio: float | None = None
    rate_ratio_ci_low: float | None = None
    rate_ratio_ci_high: float | None = None
    unadjusted_effect: float | None = None
    unadjusted_ci_low: float | None = None
    unadjusted_ci_high: float | None = None
    mean_with: float | None = None
    mean_without: float | None = None
    cannot_separate_from: list[str] = field(default_factory=list)
    # Why there is no adjusted effect: "too_few_days", "cannot_separate", "no_variation"
    # or "did_not_fit"; None when there is one.
    reason: str | None = None
    more_days_needed: int | None = None

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
    from scipy import stats

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


def _slope(x: np.ndarray, y: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """Least-squares slope of y on x alone, with its 95% CI (t with n − 2 df)."""
    import numpy as np
    from scipy import stats

    if len(x) < 3 or np.ptp(x) == 0:
        return None, None, None
    sxx = float(((x - x.mean()) ** 2).sum())
    slope = float(((x - x.mean()) * (y - y.mean())).sum() / sxx)
    residuals = y - y.mean() - slope * (x - x.mean())
    se = math.sqrt(float((residuals**2).sum()) / (len(x) - 2) / sxx)
    half = float(stats.t.ppf(0.975, len(x) - 2)) * se
    return slope, slope - half, slope + half


def _spell_pairs(days: Sequence[Day], trigger: str) -> list[tuple[object, Day]]:
    """(trigger on day d or the day before, day d) for days where both answers are known."""
    by_date = {day.date: day for day in days}
    pairs = []
    for day in days:
        earlier = by_date.get(day.date - dt.timedelta(days=1))
        if earlier is None:
            continue
        answers = (day.binary.get(trigger), earlier.binary.get(trigger))
        if None not in answers:
            pairs.append((any(answers), day))
    return pairs


def split_by_trigger(
    days: Sequence[Day], trigger: str, outcome: str, lag: int | str
) -> tuple[list[float], list[float]]:
    """The outcome `lag` days after days with the trigger, and after days without it; for
    the joint lag, on days with the trigger that day or the day before, and with neither."""
    if lag == JOINT_LAG:
        pairs = _spell_pairs(days, trigger)
    else:
        pairs = _pairs(days, lag, lambda d: d.binary.get(trigger))
    with_ = [later.outcomes[outcome] for present, later in pairs if present]
    without = [later.outcomes[outcome] for present, later in pairs if not present]
    return with_, without


def _more_days_needed(n_with: int, n_without: int) -> int | None:
    """Recorded days still to come, at today's mix, before both sides reach the minimum."""
    total = n_with + n_without
    if n_with == 0 or n_without == 0:
        return None  # the mix cannot be guessed yet
    needed = max(
        math.ceil(MIN_DAYS_EACH_SIDE * total / n_with),
        math.ceil(MIN_DAYS_EACH_SIDE * total / n_without),
        MIN_DAYS_TOTAL,
    )
    return max(0, needed - total)


def _described(covariate: Covariate, outcome: str, y: np.ndarray) -> Result:
    """A result with its days, whether they are enough, and the plain (unadjusted) figures."""
    import numpy as np

    recorded = covariate.recorded
    x, outcomes = covariate.values[recorded], y[recorded]
    if covariate.kind == "binary":
        with_, without = outcomes[x == 1], outcomes[x == 0]
        result = Result(
            covariate.trigger,
            outcome,
            covariate.lag,
            "binary",
            len(with_),
            len(without),
            None,
            None,
            None,
            None,
        )
        result.enough_data = (
            len(with_) >= MIN_DAYS_EACH_SIDE
            and len(without) >= MIN_DAYS_EACH_SIDE
            and len(x) >= MIN_DAYS_TOTAL
        )
        if len(with_) and len(without):
            result.mean_with, result.mean_without = float(with_.mean()), float(without.mean())
            result.unadjusted_effect = result.mean_with - result.mean_without
        if len(with_) >= 2 and len(without) >= 2:
            diff, low, high, _ = _welch(with_, without)
            result.unadjusted_effect, result.unadjusted_ci_low, result.unadjusted_ci_high = (
                diff,
                low,
                high,
            )
        if not result.enough_data:
            result.more_days_needed = _more_days_needed(len(with_), len(without))
        return result
    step = CONTINUOUS_STEPS[covariate.trigger]
    result = Result(
        covariate.trigger,
        outcome,
        covariate.lag,
        "continuous",
        len(x),
        0,
        None,
        None,
        None,
        None,
        step=step,
    )
    result.enough_data = bool(len(x) >= MIN_PAIRS_CONTINUOUS and len(x) and np.ptp(x) > 0)
    slope, low, high = _slope(x, outcomes)
    if slope is not None:
        result.unadjusted_effect = slope * step
        result.unadjusted_ci_low, result.unadjusted_ci_high = low * step, high * step
    if len(x) < MIN_PAIRS_CONTINUOUS:
        result.more_days_needed = MIN_PAIRS_CONTINUOUS - len(x)
    return result


def _covariates(days: Sequence[Day], binary_names: Sequence[str]) -> list[Covariate]:
    import numpy as np

    from analysis.stats.design import Covariate, lagged

    dates = [d.date for d in days]

    def column(value_of) -> np.ndarray:
        return np.array([np.nan if (v := value_of(d)) is None else float(v) for d in days])

    found = []
    for kind, names, values in (
        ("binary", binary_names, lambda name: column(lambda d: d.binary.get(name))),
        ("continuous", CONTINUOUS_TRIGGERS, lambda name: column(lambda d: d.continuous.get(name))),
    ):
        for name in names:
            same_day = values(name)
            found += [Covariate(name, lag, kind, lagged(dates, same_day, lag)) for lag in LAGS]
    return found


def _spell(same_day: Covariate, day_before: Covariate) -> Covariate:
    """A trigger over the day itself and the day before, on the days both were recorded:
    a yes/no trigger is on when it was on either day, a measure is the two days' mean.
    It counts and describes the spell's days; the model holds the two lags."""
    import numpy as np

    from analysis.stats.design import Covariate

    pair = np.column_stack([same_day.values, day_before.values])
    values = pair.max(axis=1) if same_day.kind == "binary" else pair.mean(axis=1)
    return Covariate(same_day.trigger, JOINT_LAG, same_day.kind, values)


def _twins(a: str, b: str) -> bool:
    return TWINS.get(a) == b or TWINS.get(b) == a


def _lag_structure(
    covariates: Sequence[Covariate],
) -> tuple[dict[tuple[str, int], list[str]], set[str]]:
    """For each covariate, the triggers it comes together with too often to tell apart;
    and the triggers that come in runs, judged over the spell.

    A trigger whose same day and day before go together (r ≥ RUNS_AT) comes in runs. Its
    own name in its list means the two lags are each other's opposite (a trigger every
    other day): they cannot be told apart, and a spell would cancel them out.
    """
    from analysis.stats.design import CANNOT_SEPARATE_AT, correlations

    together: dict[tuple[str, int], list[str]] = {c.key: [] for c in covariates}
    runs: set[str] = set()
    if len(covariates) < 2:
        return together, runs
    r = correlations(covariates)
    for i, a in enumerate(covariates):
        for j, b in enumerate(covariates[:i]):
            if a.trigger == b.trigger and r[i, j] >= RUNS_AT:
                runs.add(a.trigger)
            elif abs(r[i, j]) >= CANNOT_SEPARATE_AT and not _twins(a.trigger, b.trigger):
                together[a.key].append(b.trigger)
                together[b.key].append(a.trigger)
    return together, runs


def _model_sets(covariates: Sequence[Covariate]) -> list[tuple[list[Covariate], set[str]]]:
    """(covariates in the model, triggers whose results it gives) for the two models an
    outcome needs: one with every yes/no trigger, and one with the measures in place of
    their yes/no twins (and every other trigger as before)."""
    base = [c for c in covariates if c.trigger not in TWINS]
    measures = [c for c in covariates if c.trigger in TWINS]
    sets = [(base, {c.trigger for c in base})]
    if measures:
        twins = {TWINS[c.trigger] for c in measures}
        swapped = [c for c in base if c.trigger not in twins] + measures
        sets.append((swapped, {c.trigger for c in measures}))
    return sets


def _without_duplicates(
    covariates: Sequence[Covariate], together: dict[tuple[str, int], list[str]]
) -> list[Covariate]:
    """The covariates less any that duplicates one already kept: of two triggers that
    always come together, the first stands in for both so the others stay adjusted."""
    kept: list[Covariate] = []
    for c in covariates:
        partners = together[c.key]
        if not any(k.trigger in partners and k.trigger != c.trigger for k in kept) and not (
            c.trigger in partners and any(k.trigger == c.trigger for k in kept)
        ):
            kept.append(c)
    return kept


def _lags_of(key: tuple[str, int | str]) -> list[tuple[str, int]]:
    """The model columns a result reads: its own, or both lags of a spell."""
    trigger, lag = key
    return [(trigger, each) for each in LAGS] if lag == JOINT_LAG else [key]


def _adjust(
    results: dict[tuple[str, int | str], Result],
    covariates: Sequence[Covariate],
    y: np.ndarray,
    counts: bool,
    recorded: dict[tuple[str, int | str], np.ndarray],
) -> None:
    """Fit one model over `covariates` and write each result's adjusted effect: of its
    column, or for a spell of both its lags switched on together. `recorded` holds the
    days each result's effect is averaged over."""
    import numpy as np

    from analysis.stats import fitting
    from analysis.stats.design import design_matrix

    if np.ptp(y) == 0:
        for result in results.values():
            result.effect, result.reason = 0.0, "no_variation"
        return
    design = design_matrix(covariates)
    rows, width = design.x.shape
    if rows - width < MIN_SPARE_DAYS:
        for result in results.values():
            result.reason = "too_few_days"
            result.more_days_needed = max(
                result.more_days_needed or 0, width + MIN_SPARE_DAYS - rows
            )
        return
    fit = fitting.fit(y, design.x, counts)
    for key, result in results.items():
        # A lag the design left out duplicates the other: the one kept stands for both.
        columns = [design.columns[k] for k in _lags_of(key) if k in design.columns]
        if not columns:
            result.reason = "cannot_separate"
            continue
        if fit is None or not fit.usable(columns):
            result.reason = "did_not_fit"
            continue
        step = None if result.kind == "binary" else result.step
        record_effect(result, fit.model, fitting.effect_of(fit, columns, recorded[key], step))


def record_effect(result, model: str, effect: fitting.Effect) -> None:
    """Copy a fitted effect onto a result (of a trigger or of a treatment change)."""
    result.model = model
    result.effect, result.ci_low, result.ci_high = effect.effect, effect.ci_low, effect.ci_high
    result.p_value = effect.p_value
    result.rate_ratio = effect.rate_ratio
    result.rate_ratio_ci_low = effect.rate_ratio_ci_low
    result.rate_ratio_ci_high = effect.rate_ratio_ci_high


def _treatment_covariates(
    days: Sequence[Day], periods: Sequence[Period], triggers: Sequence[Covariate]
) -> list[Covariate]:
    """ "On <treatment>" columns (same day only: a treatment lasts weeks) for each
    treatment with enough recorded days on it and off it. They are adjusted for, not
    reported: a treatment's own result is its before/after comparison. One that comes
    together with a trigger too reliably to tell apart is left out, so the trigger
    keeps its number."""
    import numpy as np

    from analysis.stats.design import CANNOT_SEPARATE_AT, Covariate, correlations
    from analysis.stats.periods import on_treatment

    found = []
    for name, values in on_treatment(periods, [d.date for d in days]).items():
        on = int(values.sum())
        if min(on, len(values) - on) >= MIN_DAYS_EACH_SIDE and len(values) >= MIN_DAYS_TOTAL:
            found.append(Covariate(f"on:{name}", 0, "binary", values))
    if not found or not triggers:
        return found
    r = correlations([*found, *triggers])[: len(found), len(found) :]
    return [c for c, row in zip(found, r, strict=True) if np.all(np.abs(row) < CANNOT_SEPARATE_AT)]


def analyse(
    days: Iterable[Day], extra_binary: Iterable[str] = (), periods: Sequence[Period] = ()
) -> list[Result]:
    """Every trigger × outcome × lag, adjusted for the other triggers and for the
    treatments taken, with q-values and which results stand out. A trigger that comes in
    runs has one result per outcome, over the spell (lag JOINT_LAG), in place of two.

    Results are ordered: standing out first (smallest q), then the rest with enough
    data, then those without.
    """
    import numpy as np

    days = sorted(days, key=lambda d: d.date)
    binary_names = list(BINARY_TRIGGERS) + sorted(
        set(extra_binary) | {name for d in days for name in d.binary if name.startswith("tag:")}
    )
    covariates = _covariates(days, binary_names)
    results: list[Result] = []
    # Which days count depends on the trigger alone, so these are the same for every
    # outcome: worked out with the first.
    together: dict[tuple[str, int], list[str]] = {}
    runs: set[str] = set()
    spells: list[Covariate] = []
    treatments: list[Covariate] | None = None
    for outcome in OUTCOMES:
        y = np.array([d.outcomes[outcome] for d in days], float)
        described = {c.key: _described(c, outcome, y) for c in covariates}
        eligible = [c for c in covariates if described[c.key].enough_data]
        if treatments is None:
            together, runs = _lag_structure(eligible)
            by_key = {c.key: c for c in covariates}
            spells = [_spell(by_key[(t, 0)], by_key[(t, 1)]) for t in sorted(runs)]
            treatments = _treatment_covariates(days, periods, eligible)
        for c in eligible:
            described[c.key].cannot_separate_from = sorted(set(together[c.key]))
        for spell in spells:
            # One result for the spell, in place of its two lags.
            del described[(spell.trigger, 0)], described[(spell.trigger, 1)]
            described[spell.key] = _described(spell, outcome, y)
            partners = {t for key in _lags_of(spell.key) for t in together[key]}
            described[spell.key].cannot_separate_from = sorted(partners)
        results += described.values()
        recorded = {c.key: c.recorded for c in [*covariates, *spells]}
        for members, reported in _model_sets(eligible):
            # Treatments last, so a trigger is never the column left out for them.
            model = _without_duplicates(members, together) + treatments
            keys = {
                (c.trigger, JOINT_LAG) if c.trigger in runs else c.key
                for c in members
                if c.trigger in reported
            }
            wanted = {k: described[k] for k in keys if described[k].enough_data}
            if wanted:
                _adjust(wanted, model, y, outcome == "spasm_count", recorded)
    for result in results:
        if result.cannot_separate_from and result.reason != "no_variation":
            # Words, not a number: the model could only split their effect by chance.
            result.reason = "cannot_separate"
            result.effect = result.ci_low = result.ci_high = result.p_value = None
            result.rate_ratio = result.rate_ratio_ci_low = result.rate_ratio_ci_high = None
        result.enough_data = (
            result.enough_data and result.p_value is not None and result.reason is None
        )
    tested = [r for r in results if r.enough_data]
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
