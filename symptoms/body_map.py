"""The body map: a front and a back outline of a person, a shape for each region.

Drawn once here and read by every place that shows it: the region pickers (quick logs,
full forms, history filter) as inline SVG, the shaded summaries of the weekly review and
the visit summary, and the visit summary's PDF (reportlab draws the same paths).

The drawing sits on a grid of square cells, CELL units each, front view on the left and
back view on the right; on the page each view is a grid of its own, so the back can
stand under the front on the narrowest phones. Each region a person can choose has one
tap target ("spot"): a rectangle of whole cells, at least two cells each way, so a spot
is at least 44 px on a phone. The views' grids are also written in static/css/app.css
(.body-map), held to these numbers by a test.

Left and right are the person's own: on the front view their left is on the viewer's
right, on the back view on the viewer's left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from symptoms.choices import Region, labels_of

CELL = 10
COLUMNS = 15
ROWS = 17
WIDTH = COLUMNS * CELL
HEIGHT = ROWS * CELL
FRONT_CENTRE = 40  # the front view's middle line, in units
BACK_CENTRE = 115  # the back view's
# Each view's first column and its number of columns.
VIEW_COLUMNS = {"front": (1, 8), "back": (9, 7)}
SIDE_WORDS = {
    "front": "Front: your left is on the right.",
    "back": "Back: your left is on the left.",
}

# A path is a list of absolute commands: ("M", x, y), ("L", x, y),
# ("C", x1, y1, x2, y2, x, y) or ("Z",). Both SVG and reportlab draw these as they are.
Command = tuple
KAPPA = 0.5523  # a quarter ellipse as one cubic curve


@dataclass(frozen=True)
class Shape:
    """One piece of the outline; `region` is what it shades, None for a plain part."""

    view: str  # "front" or "back"
    region: str | None
    path: tuple[Command, ...]

    @property
    def d(self) -> str:
        """The path as SVG's `d` attribute."""
        return " ".join(c[0] + " ".join(f"{round(v, 1):g}" for v in c[1:]) for c in self.path)


@dataclass(frozen=True)
class Spot:
    """The tap target of one region: a rectangle of cells (1-based, as CSS grid counts)."""

    region: str
    view: str
    column: int
    row: int
    columns: int
    rows: int

    @property
    def label(self) -> str:
        return labels_of(Region)[self.region]

    @property
    def view_box(self) -> str:
        x, y = (self.column - 1) * CELL, (self.row - 1) * CELL
        return f"{x} {y} {self.columns * CELL} {self.rows * CELL}"

    @property
    def grid_classes(self) -> str:
        """Where the spot sits on its view's own grid (each view is a grid of its own, so
        the two can stand one above the other on the narrowest phones)."""
        column = self.column - VIEW_COLUMNS[self.view][0] + 1
        return f"c{column} r{self.row} cs{self.columns} rs{self.rows}"

    @property
    def shapes(self) -> list[Shape]:
        return [s for s in SHAPES if s.region == self.region and s.view == self.view]

    @property
    def mark(self) -> tuple[float, float]:
        """Where the tick of a chosen spot goes: the middle of its shapes."""
        xs = [c[i] for s in self.shapes for c in s.path for i in range(1, len(c), 2)]
        ys = [c[i] for s in self.shapes for c in s.path for i in range(2, len(c), 2)]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> tuple[Command, ...]:
    kx, ky = rx * KAPPA, ry * KAPPA
    return (
        ("M", cx - rx, cy),
        ("C", cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
        ("C", cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy),
        ("C", cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        ("C", cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
        ("Z",),
    )


def _half_ellipse(cx: float, cy: float, rx: float, ry: float, side: int) -> tuple[Command, ...]:
    """The half of an ellipse on the viewer's left (side -1) or right (side 1)."""
    sx, kx, ky = side * rx, side * rx * KAPPA, ry * KAPPA
    return (
        ("M", cx, cy - ry),
        ("C", cx + kx, cy - ry, cx + sx, cy - ky, cx + sx, cy),
        ("C", cx + sx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        ("Z",),
    )


def _rounded(
    x: float, y: float, w: float, h: float, top: float = 0, bottom: float = 0
) -> tuple[Command, ...]:
    """A rectangle with its top and bottom corners rounded by the given radii."""
    t, b = top * KAPPA, bottom * KAPPA
    corners = [
        ("M", x, y + top),
        ("C", x, y + top - t, x + top - t, y, x + top, y) if top else None,
        ("L", x + w - top, y),
        ("C", x + w - top + t, y, x + w, y + top - t, x + w, y + top) if top else None,
        ("L", x + w, y + h - bottom),
        ("C", x + w, y + h - bottom + b, x + w - bottom + b, y + h, x + w - bottom, y + h)
        if bottom
        else None,
        ("L", x + bottom, y + h),
        ("C", x + bottom - b, y + h, x, y + h - bottom + b, x, y + h - bottom) if bottom else None,
        ("Z",),
    ]
    return tuple(c for c in corners if c)


def _limbs(centre: float, view: str, person_right: int) -> list[Shape]:
    """Arms, hands, legs and feet, whose side on screen depends on the view:
    `person_right` is -1 when the person's right is on the viewer's left (front)."""
    shapes = []
    for side, prefix in ((person_right, "right"), (-person_right, "left")):
        arm_x = centre + side * 24 - 4.5  # the arm's middle is 24 units from the centre
        leg_x = centre + (side * 8) - 7
        shapes += [
            Shape(view, f"{prefix}_arm", _rounded(arm_x, 30, 9, 50, top=4.5, bottom=3)),
            Shape(view, f"{prefix}_hand", _ellipse(centre + side * 24, 88, 5, 7)),
            Shape(view, f"{prefix}_leg", _rounded(leg_x, 81, 14, 69, top=3, bottom=5)),
            Shape(view, f"{prefix}_foot", _ellipse(centre + side * 11, 157, 9, 5)),
        ]
    return shapes


def _front() -> list[Shape]:
    c = FRONT_CENTRE
    return [
        Shape("front", Region.RIGHT_FACE, _half_ellipse(c, 11, 9, 10, -1)),
        Shape("front", Region.LEFT_FACE, _half_ellipse(c, 11, 9, 10, 1)),
        Shape("front", Region.NECK, _rounded(c - 4, 20, 8, 9)),
        Shape("front", Region.CHEST_BAND, _rounded(c - 16, 29, 32, 31, top=8)),
        Shape("front", Region.RIGHT_HIP, _rounded(c - 16, 60, 16, 20, bottom=4)),
        Shape("front", Region.LEFT_HIP, _rounded(c, 60, 16, 20, bottom=4)),
        *_limbs(c, "front", -1),
    ]


def _back() -> list[Shape]:
    c = BACK_CENTRE
    return [
        Shape("back", None, _ellipse(c, 11, 9, 10)),
        Shape("back", Region.NECK, _rounded(c - 4, 20, 8, 9)),
        Shape("back", Region.UPPER_BACK, _rounded(c - 16, 29, 32, 21, top=8)),
        Shape("back", Region.LOWER_BACK, _rounded(c - 16, 50, 32, 16)),
        Shape("back", Region.LEFT_HIP, _rounded(c - 16, 66, 16, 14, bottom=5)),
        Shape("back", Region.RIGHT_HIP, _rounded(c, 66, 16, 14, bottom=5)),
        *_limbs(c, "back", 1),
    ]


SHAPES: list[Shape] = [*_front(), *_back()]

# One spot a region, in reading order: the front top to bottom, then the back. The neck
# is chosen on the back, where it is usually felt; the front shows it for shading only.
SPOTS: list[Spot] = [
    Spot(Region.RIGHT_FACE, "front", 1, 1, 4, 2),
    Spot(Region.LEFT_FACE, "front", 5, 1, 4, 2),
    Spot(Region.RIGHT_ARM, "front", 1, 4, 2, 5),
    Spot(Region.CHEST_BAND, "front", 3, 4, 4, 3),
    Spot(Region.LEFT_ARM, "front", 7, 4, 2, 5),
    Spot(Region.RIGHT_HIP, "front", 3, 7, 2, 2),
    Spot(Region.LEFT_HIP, "front", 5, 7, 2, 2),
    Spot(Region.RIGHT_HAND, "front", 1, 9, 2, 2),
    Spot(Region.RIGHT_LEG, "front", 3, 9, 2, 7),
    Spot(Region.LEFT_LEG, "front", 5, 9, 2, 7),
    Spot(Region.LEFT_HAND, "front", 7, 9, 2, 2),
    Spot(Region.RIGHT_FOOT, "front", 2, 16, 3, 2),
    Spot(Region.LEFT_FOOT, "front", 5, 16, 3, 2),
    Spot(Region.NECK, "back", 11, 1, 3, 3),
    Spot(Region.UPPER_BACK, "back", 11, 4, 3, 2),
    Spot(Region.LOWER_BACK, "back", 11, 6, 3, 2),
]

# Named in words only: a region with no place on the drawing.
WORD_ONLY = [Region.OTHER]


@dataclass(frozen=True)
class View:
    """The front or the back: its part of the drawing, its spots and its words."""

    name: str

    @property
    def view_box(self) -> str:
        first, columns = VIEW_COLUMNS[self.name]
        return f"{(first - 1) * CELL} 0 {columns * CELL} {HEIGHT}"

    @property
    def grid_classes(self) -> str:
        return f"c1 r1 cs{VIEW_COLUMNS[self.name][1]} rs{ROWS}"

    @property
    def shapes(self) -> list[Shape]:
        return [s for s in SHAPES if s.view == self.name]

    @property
    def spots(self) -> list[Spot]:
        return [s for s in SPOTS if s.view == self.name]

    @property
    def words(self) -> str:
        return SIDE_WORDS[self.name]


VIEWS = [View("front"), View("back")]


def body_map_drawing() -> dict:
    """What every template of the map draws with (templates/symptoms/_body_map.html)."""
    return {
        "shapes": SHAPES,
        "view_box": f"0 0 {WIDTH} {HEIGHT}",
        "sides": SIDE_WORDS,
    }


# Shading: how often a region was named, in five steps of one grey-blue.
SHADES = ["#ffffff", "#d4e1ee", "#9fbad6", "#5b86b3", "#0b4f8a"]
OUTLINE_INK = "#3d4550"


@dataclass(frozen=True)
class RegionCount:
    region: str
    label: str
    count: int


@dataclass(frozen=True)
class ShadedShape:
    shape: Shape
    fill: str


@dataclass(frozen=True)
class ShadedBody:
    """A body shaded by how often each region was named, with the counts as a table."""

    shapes: list[ShadedShape]
    rows: list[RegionCount]  # most named first; only regions named at least once
    legend: list[tuple[str, str]]  # (fill, words) from lightest to darkest

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


def shade_step(count: int, most: int) -> int:
    """0 for never named; else 1 to 4, the most-named region always 4."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, -(-4 * count // most))  # ceil(4 * count / most)


def _times(low: int, high: int) -> str:
    if low == high:
        return "once" if low == 1 else f"{low} times"
    return f"{low}–{high} times"


def _legend(most: int) -> list[tuple[str, str]]:
    legend = [(SHADES[0], "not named")]
    low = 1
    for step in range(1, 5):
        high = (step * most) // 4
        if high < low:
            continue
        legend.append((SHADES[step], _times(low, high)))
        low = high + 1
    return legend


def shaded(counts: Mapping[str, int]) -> ShadedBody:
    """The body shaded by `counts` (region code to times named)."""
    most = max(counts.values(), default=0)
    labels = labels_of(Region)
    named = sorted(counts.items(), key=lambda item: (-item[1], labels.get(item[0], "")))
    rows = [RegionCount(region, labels.get(region, region), n) for region, n in named if n > 0]
    shapes = [
        ShadedShape(s, SHADES[shade_step(counts.get(s.region, 0), most)] if s.region else SHADES[0])
        for s in SHAPES
    ]
    return ShadedBody(shapes=shapes, rows=rows, legend=_legend(most))


def count_regions(region_lists: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many entries named each region (an entry naming it twice counts once)."""
    counts: dict[str, int] = {}
    for regions in region_lists:
        for region in set(regions):
            counts[region] = counts.get(region, 0) + 1
    return counts


def count_labelled(label_lists: Iterable[Iterable[str]]) -> dict[str, int]:
    """count_regions for the reports' entries, which carry each region by its label."""
    codes = {label: code for code, label in labels_of(Region).items()}
    return count_regions([codes.get(label, label) for label in labels] for labels in label_lists)
