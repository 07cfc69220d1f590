"""Fit one model per outcome and turn its coefficients into effects a person can read.

Counts (spasms a day) use a Poisson regression whose standard errors come from a
Newey–West (HAC) sandwich: the sandwich keeps the intervals honest when the counts
vary more than a Poisson would (overdispersion) and when neighbouring days resemble each
other. Scores (0–10) use ordinary least squares with the same HAC errors. statsmodels
fits the coefficients; the sandwich is computed here, with a small-sample adjustment
statsmodels does not offer for HAC.

statsmodels and scipy are imported inside the functions: they are slow to import, and
only the trigger view and report need them.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# A log rate ratio beyond this (a factor of about 3,000) means the fit ran off towards
# infinity: every day on one side had no spasms at all.
RUNAWAY_LOG_RATIO = 8.0
COUNT_MODEL = "poisson_glm_hac"
SCORE_MODEL = "ols_hac"


def hac_maxlags(n_rows: int) -> int:
    """How many days of dependence the errors allow for: ⌊n^(1/5)⌋, at least 1.

    Shorter than Newey and West's 4(n/100)^(2/9): each extra lag adds noise to the
    errors, and on planted diaries of 180 days null triggers stood out more often with
    4 lags (8.8% false findings) than with 2 (6.9%).
    """
    return max(1, int(n_rows**0.2))


@dataclass
class Fit:
    model: str
    params: np.ndarray
    cov: np.ndarray
    x: np.ndarray
    runaway: frozenset[int] = frozenset()

    @property
    def spare_days(self) -> int:
        """Residual degrees of freedom: days beyond the model's columns."""
        return self.x.shape[0] - self.x.shape[1]

    def critical(self) -> float:
        """The 97.5% point of Student's t on the residual degrees of freedom."""
        from scipy import stats

        return float(stats.t.ppf(0.975, self.spare_days))

    def coefficient(self, columns: Sequence[int]) -> float:
        """The sum of the columns' coefficients: one column's, or a trigger's same day and
        day before taken together."""
        return float(self.params[list(columns)].sum())

    def se(self, columns: Sequence[int]) -> float:
        """Standard error of `coefficient(columns)`, their covariances included."""
        block = self.cov[np.ix_(list(columns), list(columns))]
        return math.sqrt(max(float(block.sum()), 0.0))

    def usable(self, columns: Sequence[int]) -> bool:
        """Whether the columns' sum has a finite, non-zero standard error and none of
        them ran away."""
        se = self.se(columns)
        return (
            not self.runaway.intersection(columns)
            and math.isfinite(self.coefficient(columns))
            and 0 < se < 1e3
        )


def fit(y: np.ndarray, x: np.ndarray, counts: bool) -> Fit | None:
    """The fitted model, or None when it cannot be fitted (singular, no convergence)."""
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # other warnings: judged by the numbers below
            warnings.simplefilter("error", ConvergenceWarning)
            params = _fit_counts(y, x) if counts else _fit_scores(y, x)
            cov = hac_covariance(y, x, params, counts)
    except (PerfectSeparationError, ConvergenceWarning, np.linalg.LinAlgError, ValueError):
        return None
    if not np.all(np.isfinite(params)):
        return None
    runaway = frozenset(
        int(j) for j in np.flatnonzero(np.abs(params) > RUNAWAY_LOG_RATIO) if counts and j
    )
    return Fit(COUNT_MODEL if counts else SCORE_MODEL, params, cov, x, runaway)


def _fit_counts(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM

    return np.asarray(GLM(y, x, family=Poisson()).fit(maxiter=100).params, float)


def _fit_scores(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    from statsmodels.regression.linear_model import OLS

    return np.asarray(OLS(y, x).fit(method="qr").params, float)


def hac_covariance(y: np.ndarray, x: np.ndarray, params: np.ndarray, counts: bool) -> np.ndarray:
    """Newey–West (Bartlett kernel) sandwich covariance of the coefficients.

    Each day's score is scaled by 1/√(1 − leverage) (the "HC2" adjustment) before the
    day-to-day cross-products are summed: without it, in diaries of a few months and a
    model with a column per trigger and lag, the intervals come out too narrow and null
    triggers stand out too often. For OLS this reduces to HC2 when no lags are used.
    """
    mu = np.exp(x @ params) if counts else x @ params
    weight = mu if counts else np.ones_like(y)
    bread = np.linalg.inv(x.T @ (x * weight[:, None]))
    leverage = ((x @ bread) * x).sum(axis=1) * weight
    scale = 1 / np.sqrt(np.clip(1 - leverage, 1e-3, None))
    scores = x * ((y - mu) * scale)[:, None]
    meat = scores.T @ scores
    maxlags = hac_maxlags(len(y))
    for lag in range(1, maxlags + 1):
        cross = scores[lag:].T @ scores[:-lag]
        meat += (1 - lag / (maxlags + 1)) * (cross + cross.T)
    return bread @ meat @ bread


@dataclass(frozen=True)
class Effect:
    """An adjusted effect on the outcome's scale with its 95% interval and p-value.

    For counts, `rate_ratio` (with its interval) is the multiplicative effect and
    `effect` the average marginal effect in spasms a day.
    """

    effect: float
    ci_low: float
    ci_high: float
    p_value: float
    rate_ratio: float | None = None
    rate_ratio_ci_low: float | None = None
    rate_ratio_ci_high: float | None = None


def effect_of(fit: Fit, columns: Sequence[int], rows: np.ndarray, step: float | None) -> Effect:
    """The effect of switching the columns on together (step None) or raising each by
    `step`: one column, or a trigger on the day and the day before (a spell).

    `rows` are the days the comparison is averaged over (those the trigger was recorded).
    """
    from scipy import stats

    b, se = fit.coefficient(columns), fit.se(columns)
    size = 1.0 if step is None else step
    p = float(2 * stats.t.sf(abs(b / se), fit.spare_days))
    t95 = fit.critical()
    if fit.model == SCORE_MODEL:
        half = t95 * se * size
        return Effect(b * size, b * size - half, b * size + half, p)
    low, high = ((b - t95 * se) * size, (b + t95 * se) * size)
    ame, ame_se = _average_marginal_effect(fit, columns, rows, step)
    return Effect(
        ame,
        ame - t95 * ame_se,
        ame + t95 * ame_se,
        p,
        math.exp(b * size),
        math.exp(low),
        math.exp(high),
    )


def _average_marginal_effect(
    fit: Fit, columns: Sequence[int], rows: np.ndarray, step: float | None
) -> tuple[float, float]:
    """Mean predicted spasms a day with the columns on minus off over `rows`, and its
    standard error by the delta method (the gradient of that mean in the coefficients)."""
    x_on, x_off = fit.x[rows].copy(), fit.x[rows].copy()
    columns = list(columns)
    if step is None:
        x_on[:, columns], x_off[:, columns] = 1.0, 0.0
    else:
        x_on[:, columns] += step
    mu_on, mu_off = np.exp(x_on @ fit.params), np.exp(x_off @ fit.params)
    ame = float(np.mean(mu_on - mu_off))
    gradient = (mu_on @ x_on - mu_off @ x_off) / len(mu_on)
    return ame, math.sqrt(max(float(gradient @ fit.cov @ gradient), 0.0))
