"""Did it help? Each treatment change compared before and after: plain statistics, no
Django.

For every start, dose change and stop (analysis/stats/periods.py) the recorded days just before
the change are compared with the recorded days after it, skipping the treatment's
settling-in days. One model per outcome holds an "after the change" column beside the
day's triggers and the other treatments taken in the window, so a change made as summer
arrives is not credited with what the weather did. The models and their errors are the
trigger analysis's own (analysis/stats/fitting.py); Benjamini–Hochberg runs over every change ×
outcome with enough data. None of it says a treatment caused anything.
docs/analysis.md explains the method.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from analysis.stats import fitting
from analysis.stats.associations import (
    BINARY_TRIGGERS,
    MIN_SPARE_DAYS,
    OUTCOMES,
    Day,
    _rounded,
    record_effect,
)
from analysis.stats.comparisons import FDR, benjamini_hochberg
from analysis.stats.design import CANNOT_SEPARATE_AT, Covariate, correlations, design_matrix
from analysis.stats.periods import (
    MAX_SPAN_DAYS,
    Change,
    Period,
    boundaries,
    by_treatment,
    changes,
    on_treatment,
)

# Up to this many recorded days on each side: about a month, recent enough that slow
# drifts in the illness matter little, long enough for a weekly rhythm to average out.
WINDOW_DAYS = 28
# ...and never further than MAX_SPAN_DAYS (periods.py) from it, however sparse the journal.
# Fewer recorded days than this on a side (after settling in) is an anecdote.
MIN_DAYS_EACH_SIDE = 10
# A trigger or another treatment is adjusted for when the window has at least this many
# days with it and this many without; fewer cannot be told from noise.
MIN_ADJUST_DAYS = 3
AFTER = ("after the change", 0)


@dataclass
class ChangeResult:
    outcome: str
    n_before: int
    n_after: int
    effect: float | None = None  # adjusted, after minus before: negative = fewer / milder
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    enough_data: bool = False
    stands_out: bool = False
    model: str | None = None
    rate_ratio: float | None = None
    rate_ratio_ci_low: float | None = None
    rate_ratio_ci_high: float | None = None
    mean_before: float | None = None
    mean_after: float | None = None
    adjusted_for: list[str] = field(default_factory=list)
    cannot_separate_from: list[str] = field(default_factory=list)
    # Why there is no effect to rely on: "too_few_days", "no_variation", "did_not_fit" or
    # "cannot_separate"; None when there is one.
    reason: str | None = None
    more_days_needed: int | None = None

    def as_dict(self) -> dict:
        return {k: _rounded(v) for k, v in asdict(self).items()}


@dataclass
class ChangeReport:
    change: Change
    before: list[Day]
    after: list[Day]
    latest: bool  # no later change of the same treatment: "since", not "after"
    results: list[ChangeResult]

    def as_dict(self) -> dict:
        def span(days: list[Day]) -> dict:
            return {
                "from": days[0].date.isoformat() if days else None,
                "to": days[-1].date.isoformat() if days else None,
                "days": len(days),
            }

        return {
            "treatment": self.change.treatment,
            "change": self.change.kind,
            "date": self.change.recorded_date.isoformat(),
            "dose": self.change.dose,
            "unit": self.change.unit,
            "settle_days": self.change.settle_days,
            "before": span(self.before),
            "after": span(self.after),
            "results": [r.as_dict() for r in self.results],
        }


def windows(
    days: Sequence[Day], change: Change, own: Sequence[Period]
) -> tuple[list[Day], list[Day]]:
    """The recorded days compared: up to WINDOW_DAYS before the change (after the
    treatment's previous change had settled) and up to WINDOW_DAYS after it has settled
    (before the treatment's next change)."""
    settle = dt.timedelta(days=change.settle_days)
    span = dt.timedelta(days=MAX_SPAN_DAYS)
    others = [b for b in boundaries(own) if b != change.date]
    earlier = [b + settle for b in others if b < change.date]
    later = [b for b in others if b > change.date]
    low = max([change.date - span, *earlier])
    start = change.date + settle
    high = min([start + span, *later])
    before = [d for d in days if low <= d.date < change.date][-WINDOW_DAYS:]
    after = [d for d in days if start <= d.date < high][:WINDOW_DAYS]
    return before, after


def _column(days: Sequence[Day], trigger: str) -> np.ndarray:
    return np.array(
        [np.nan if (v := d.binary.get(trigger)) is None else float(v) for d in days], float
    )


def _varies(values: np.ndarray) -> bool:
    recorded = values[~np.isnan(values)]
    on = int(recorded.sum())
    return on >= MIN_ADJUST_DAYS and len(recorded) - on >= MIN_ADJUST_DAYS


def _covariates(
    window: Sequence[Day], n_before: int, change: Change, periods: Sequence[Period]
) -> list[Covariate]:
    """The "after" column first (so it is never the one left out), then each trigger and
    each other treatment that varies in the window."""
    after = np.array([0.0] * n_before + [1.0] * (len(window) - n_before))
    found = [Covariate(AFTER[0], 0, "binary", after)]
    for trigger in BINARY_TRIGGERS:
        values = _column(window, trigger)
        if _varies(values):
            found.append(Covariate(trigger, 0, "binary", values))
    others = [p for p in periods if p.key != change.key]
    for name, values in on_treatment(others, [d.date for d in window]).items():
        if _varies(values):
            found.append(Covariate(f"on:{name}", 0, "binary", values))
    return found


def _inseparable(covariates: Sequence[Covariate]) -> list[str]:
    """What comes together with the change too reliably to tell apart from it."""
    if len(covariates) < 2:
        return []
    r = correlations(covariates)[0]
    return [
        c.trigger
        for c, rho in zip(covariates[1:], r[1:], strict=True)
        if abs(rho) >= CANNOT_SEPARATE_AT
    ]


@dataclass
class _SmallSampleFit(fitting.Fit):
    """A fit whose t quantiles use `df` degrees of freedom instead of n − k."""

    df: float = 1.0

    @property
    def spare_days(self) -> float:  # type: ignore[override]
        return self.df


def satterthwaite_df(fit: fitting.Fit, j: int) -> float:
    """Degrees of freedom of the HAC variance of coefficient j, by Satterthwaite.

    The variance is a quadratic form in the residuals, v = rᵀ K r with r = M ε (M the
    annihilator of the weighted design), so under independent, equal-variance errors it
    is spread like a scaled χ² with tr(G)² / tr(G²) degrees of freedom, G = M K M: the
    Bell–McCaffrey correction for HC2 extended to the Newey–West lags. With one column
    that jumps once (after the change) and some 50 days, n − k overstates how much the
    variance estimate can be trusted: on planted diaries with no effect 7–8% of
    comparisons had p < 0.05 with n − k, about 5% with this.
    """
    x = fit.x
    n = x.shape[0]
    weight = np.exp(x @ fit.params) if fit.model == fitting.COUNT_MODEL else np.ones(n)
    xw = x * np.sqrt(weight)[:, None]
    bread = np.linalg.inv(xw.T @ xw)
    hat = xw @ bread @ xw.T
    annihilator = np.eye(n) - hat
    scale = 1 / np.sqrt(np.clip(1 - np.diag(hat), 1e-3, None))
    c = (bread @ xw.T)[j] * scale
    lags = np.abs(np.subtract.outer(np.arange(n), np.arange(n)))
    maxlags = fitting.hac_maxlags(n)
    kernel = np.clip(1 - lags / (maxlags + 1), 0, None)
    g = annihilator @ (kernel * np.outer(c, c)) @ annihilator
    return float(np.trace(g) ** 2 / max(np.sum(g * g.T), 1e-300))


def _fit(result: ChangeResult, y: np.ndarray, covariates: list[Covariate], counts: bool) -> None:
    """Write the adjusted effect of the change on y into result, or why there is none."""
    if result.n_before < 2 or result.n_after < 2:
        result.reason = "too_few_days"
        return
    if np.ptp(y) == 0:
        result.effect, result.reason = 0.0, "no_variation"
        return
    design = design_matrix(covariates)
    rows, width = design.x.shape
    if rows - width < MIN_SPARE_DAYS:
        result.reason = "too_few_days"
        return
    result.adjusted_for = [c.trigger for c in covariates[1:] if c.key in design.columns]
    fit = fitting.fit(y, design.x, counts)
    j = design.columns.get(AFTER)
    if fit is None or j is None or not fit.usable([j]):
        result.reason = "did_not_fit"
        return
    fit = _SmallSampleFit(**vars(fit), df=satterthwaite_df(fit, j))
    record_effect(result, fit.model, fitting.effect_of(fit, [j], np.ones(rows, bool), None))


def _more_days_needed(n_before: int, n_after: int) -> int | None:
    """Recorded days after the change still to come; None when the days before are too
    few, which waiting cannot mend."""
    if n_before < MIN_DAYS_EACH_SIDE:
        return None
    return max(0, MIN_DAYS_EACH_SIDE - n_after) or None


def compare(
    before: Sequence[Day], after: Sequence[Day], change: Change, periods: Sequence[Period]
) -> list[ChangeResult]:
    """One result per outcome for one change, before the multiple-comparison step."""
    window = [*before, *after]
    covariates = _covariates(window, len(before), change, periods)
    together = _inseparable(covariates)
    results = []
    for outcome in OUTCOMES:
        y = np.array([d.outcomes[outcome] for d in window], float)
        result = ChangeResult(outcome, len(before), len(after))
        if before and after:
            result.mean_before = float(y[: len(before)].mean())
            result.mean_after = float(y[len(before) :].mean())
        if together:
            result.reason, result.cannot_separate_from = "cannot_separate", together
        else:
            _fit(result, y, covariates, counts=outcome == "spasm_count")
        result.enough_data = (
            len(before) >= MIN_DAYS_EACH_SIDE
            and len(after) >= MIN_DAYS_EACH_SIDE
            and result.reason is None
        )
        if len(before) < MIN_DAYS_EACH_SIDE or len(after) < MIN_DAYS_EACH_SIDE:
            result.more_days_needed = _more_days_needed(len(before), len(after))
        results.append(result)
    return results


def treatment_effects(days: Iterable[Day], periods: Iterable[Period]) -> list[ChangeReport]:
    """Every change of every treatment, oldest first, with q-values over all of them and
    which results stand out."""
    days = sorted(days, key=lambda d: d.date)
    periods = list(periods)
    grouped = by_treatment(periods)
    all_changes = changes(periods)
    reports = []
    for change in all_changes:
        before, after = windows(days, change, grouped[change.key])
        latest = not any(c.key == change.key and c.date > change.date for c in all_changes)
        results = compare(before, after, change, periods)
        reports.append(ChangeReport(change, before, after, latest, results))
    tested = [r for report in reports for r in report.results if r.enough_data]
    for result, q in zip(tested, benjamini_hochberg([r.p_value for r in tested]), strict=True):
        result.q_value = q
        result.stands_out = q < FDR
    return reports
