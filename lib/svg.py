"""Drawing charts on the server as SVG: no chart library in the browser, nothing to wait for.

Every chart is 300 units wide and scales to its container; its text is 15 units high, so
it stays at least 12 px on a 320 px phone. The charts themselves belong to their reports.
"""

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#111418"
BRAND = "#0b4f8a"
PAIN = "#a4161a"
SLEEP = "#3d4550"
GRID = "#c9ced6"
WIDTH = 300
FONT = 15
LEFT = 30  # room for the y-axis numbers
RIGHT = 8


def svg_root(height: float, title: str, body: Sequence[str]) -> SafeString:
    return mark_safe(
        f'<svg class="svg-chart" viewBox="0 0 {WIDTH} {height:g}" role="img" '
        f'font-size="{FONT}" font-family="system-ui, sans-serif" fill="{INK}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def svg_text(x: float, y: float, words: str, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(words)}</text>'


def svg_line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width:g}"/>'
    )


def svg_rect(x: float, y: float, w: float, h: float, colour: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" '
        f'height="{max(h, 0):.1f}" fill="{colour}"/>'
    )


def nice_ceiling(value: float) -> int:
    """The axis top: the value rounded up to an even number, at least 2."""
    return max(2, 2 * math.ceil(value / 2))


def y_axis(top: float, bottom: float, ymax: int, *, right: float = RIGHT) -> list[str]:
    """Three numbers up the left, 0, half and the top, with a grid line at the two above 0."""
    body = []
    for value in (0, ymax // 2, ymax):
        y = bottom - value / ymax * (bottom - top)
        if value:
            body.append(svg_line(LEFT, y, WIDTH - right, y, GRID))
        body.append(svg_text(LEFT - 5, y + 5, str(value), "end"))
    return body
