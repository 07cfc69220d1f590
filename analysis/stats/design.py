"""The covariate columns of the adjusted models: numpy only, built once per analysis.

One row per recorded day. A covariate is one trigger at one lag: at lag 1 its value on a
row is the trigger on the day before, and it is missing (NaN) when that day was not
recorded. Missing values stay NaN here; `design_matrix` decides what to do with them.
A trigger judged over a spell (lag "0-1", the day itself or the day before) has a
covariate too, to count and describe its days; the model holds its two lags instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# |correlation| at or above this over the days both were recorded: the two triggers come
# together so reliably that no model can tell their effects apart.
CANNOT_SEPARATE_AT = 0.9
# A column whose share of variance not explained by the columns before it falls below
# this is a mix of them (a variance inflation factor over a million): it is left out.
DEPENDENT_BELOW = 1e-6


@dataclass(frozen=True)
class Covariate:
    trigger: str
    lag: int | str  # 0, 1, or "0-1" for the day itself and the day before together
    kind: str  # "binary" or "continuous"
    values: np.ndarray  # one float per row, NaN where not recorded

    @property
    def recorded(self) -> np.ndarray:
        return ~np.isnan(self.values)

    @property
    def key(self) -> tuple[str, int | str]:
        return self.trigger, self.lag


def lagged(dates: Sequence, values: np.ndarray, lag: int) -> np.ndarray:
    """`values` moved `lag` days later: row i gets the value recorded on date_i − lag."""
    if lag == 0:
        return values
    row_of = {date.toordinal(): i for i, date in enumerate(dates)}
    out = np.full(len(dates), np.nan)
    for i, date in enumerate(dates):
        earlier = row_of.get(date.toordinal() - lag)
        if earlier is not None:
            out[i] = values[earlier]
    return out


def correlations(columns: Sequence[Covariate]) -> np.ndarray:
    """Pearson correlation of every pair of columns over the rows both were recorded.

    For two yes/no columns this is the phi coefficient. Pairs with fewer than three
    shared rows, or no spread on a side, get 0.
    """
    mask = np.column_stack([c.recorded for c in columns]).astype(float)
    x = np.column_stack([np.nan_to_num(c.values) for c in columns])
    n = mask.T @ mask
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_i = (x.T @ mask) / n  # mean of column i over rows where j is recorded too
        mean_sq_i = ((x * x).T @ mask) / n
        cov = (x.T @ x) / n - mean_i * mean_i.T
        var_i = mean_sq_i - mean_i**2
        r = cov / np.sqrt(var_i * var_i.T)
    r[~np.isfinite(r) | (n < 3)] = 0.0
    return np.clip(r, -1.0, 1.0)


def independent_columns(x: np.ndarray) -> list[int]:
    """Indices of columns kept in order, leaving out any that the earlier ones explain."""
    gram = x.T @ x
    kept: list[int] = []
    for j in range(x.shape[1]):
        total = gram[j, j]
        if total <= 0:
            continue
        explained = 0.0
        if kept:
            g = gram[kept, j]
            try:
                explained = float(g @ np.linalg.solve(gram[np.ix_(kept, kept)], g))
            except np.linalg.LinAlgError:
                continue
        if total - explained > DEPENDENT_BELOW * total:
            kept.append(j)
    return kept


@dataclass
class Design:
    """A design matrix and what its columns are.

    Columns: the intercept, one per covariate (missing values set to the covariate's mean
    over its recorded days) and one "not recorded" indicator per distinct pattern of
    missing days. `columns[name]` is the column index of each covariate kept.
    """

    x: np.ndarray
    columns: dict[tuple[str, int], int]
    left_out: list[tuple[str, int]]


def design_matrix(covariates: Sequence[Covariate]) -> Design:
    n = len(covariates[0].values) if covariates else 0
    blocks = [np.ones(n)]
    indicators: dict[bytes, np.ndarray] = {}
    for covariate in covariates:
        recorded = covariate.recorded
        blocks.append(np.where(recorded, covariate.values, covariate.values[recorded].mean()))
        if not recorded.all():
            missing = (~recorded).astype(float)
            indicators.setdefault(missing.tobytes(), missing)
    x = np.column_stack(blocks + list(indicators.values()))
    kept = independent_columns(x)
    kept_set = set(kept)
    columns, left_out = {}, []
    for i, covariate in enumerate(covariates, start=1):
        if i in kept_set:
            columns[covariate.key] = kept.index(i)
        else:
            left_out.append(covariate.key)
    return Design(x[:, kept], columns, left_out)
