"""The multiple-comparison step both analyses end with: plain Python, no Django.

A journal is tested many ways at once (every trigger × outcome × lag, every treatment
change × outcome), so some p-values come out small by chance alone. Benjamini–Hochberg
q-values keep the expected share of false findings among those that stand out at FDR.
"""

from collections.abc import Sequence

# The share of false findings tolerated among the results that stand out.
FDR = 0.05


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
