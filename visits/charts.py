"""The summary's two charts, drawn once with reportlab: into the PDF, and as SVG for the
print page. Black and grey only, so they read the same printed in black and white."""

import xml.etree.ElementTree as ET

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.renderSVG import drawToString
from reportlab.graphics.shapes import Drawing, Group, Path, String
from reportlab.lib import colors

from symptoms import body_map
from visits.figures import WeekRow, row_span

WIDTH, HEIGHT = 480, 170

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def _bar_chart(title: str, labels: list[str], values: list[float], top: float | None) -> Drawing:
    # More than 8 weeks: the labels slant, and need room below the bars and to the left.
    slanted = len(labels) > 8
    below, left = (50, 60) if slanted else (30, 40)
    drawing = Drawing(WIDTH, HEIGHT)
    chart = VerticalBarChart()
    chart.x, chart.y = left, below
    chart.width, chart.height = WIDTH - left - 20, HEIGHT - below - 30
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 45 if slanted else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if slanted else "n"
    chart.valueAxis.valueMin = 0
    if top is not None:
        chart.valueAxis.valueMax = top
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = colors.HexColor("#404040")
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    drawing.add(String(left, HEIGHT - 14, title, fontSize=10, fontName="Helvetica-Bold"))
    return drawing


def _part(weeks: list[WeekRow]) -> str:
    """A note in the title when a bar stands on only part of its days."""
    return " · (3/7): days recorded of all its days" if any(w.is_part for w in weeks) else ""


def spasms_per_week(weeks: list[WeekRow]) -> Drawing:
    return _bar_chart(
        f"Spasms per {row_span(weeks)}{_part(weeks)}",
        [w.chart_label for w in weeks],
        [w.spasms for w in weeks],
        None,
    )


def worst_pain_per_week(weeks: list[WeekRow]) -> Drawing:
    return _bar_chart(
        f"Worst pain per {row_span(weeks)} (0–10){_part(weeks)}",
        [w.chart_label for w in weeks],
        [w.pain_worst or 0 for w in weeks],
        10,
    )


def as_svg(drawing: Drawing, name: str = "chart") -> str:
    """The drawing as SVG to sit inside the print page, without the XML prolog.

    reportlab writes every fill and stroke as a style attribute, which the page's
    Content-Security-Policy blocks; each becomes the presentation attribute of the same
    name (style="fill: black" draws as fill="black"), which it allows. It also names its
    clip path "clip" in every drawing: each id takes `name` in front, so two charts on one
    page do not share one.
    """
    root = ET.fromstring(drawToString(drawing))
    for element in root.iter():
        for declaration in element.attrib.pop("style", "").split(";"):
            prop, _, value = declaration.partition(":")
            if prop.strip():
                element.set(prop.strip(), value.strip())
        if "id" in element.attrib:
            element.set("id", f"{name}-{element.get('id')}")
        for attribute, value in element.attrib.items():
            if "url(#" in value:
                element.set(attribute, value.replace("url(#", f"url(#{name}-"))
    # Written as the page's own <svg>, never with a prefix (<ns0:svg>, <svg:svg>), which an
    # HTML page does not draw. Registered on each call: ElementTree's prefixes are global,
    # and the QR code of two-step log-in registers "svg" for them whenever it draws one.
    ET.register_namespace("", SVG_NAMESPACE)
    return ET.tostring(root, encoding="unicode")


def shaded_body(counts: dict[str, int], width: float = 130) -> Drawing:
    """The body map shaded by how often each region was named: the same shapes as the
    pages draw (symptoms/body_map.py), with reportlab's y axis turned the right way up."""
    scale = width / body_map.WIDTH
    height = body_map.HEIGHT * scale
    drawing = Drawing(width, height)
    body = Group(transform=(scale, 0, 0, -scale, 0, height))
    ink = colors.HexColor(body_map.OUTLINE_INK)
    for item in body_map.shaded(counts).shapes:
        path = Path(fillColor=colors.HexColor(item.fill), strokeColor=ink, strokeWidth=0.7)
        for command, *values in item.shape.path:
            {"M": path.moveTo, "L": path.lineTo, "C": path.curveTo, "Z": path.closePath}[command](
                *values
            )
        body.add(path)
    drawing.add(body)
    return drawing
