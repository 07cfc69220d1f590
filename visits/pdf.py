"""The visit summary as a PDF, made on the server with reportlab (no browser)."""

from io import BytesIO
from itertools import zip_longest
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from symptoms import body_map
from visits import charts, sections
from visits.data import VisitSummary
from visits.sections import patient_line

STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=STYLES["BodyText"], fontSize=9, leading=11.5, spaceAfter=1.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9)
H1 = ParagraphStyle("h1", parent=STYLES["Heading1"], fontSize=15, spaceAfter=2, spaceBefore=0)
H2 = ParagraphStyle("h2", parent=STYLES["Heading2"], fontSize=11, spaceBefore=6, spaceAfter=2)


def title_line(summary: VisitSummary) -> str:
    f = summary.figures
    return f"{patient_line(summary.patient)} · {f.first:%-d %b %Y} to {f.last:%-d %b %Y}"


def _table(table) -> Table:
    data = [[Paragraph(escape(c), SMALL) for c in table.header]]
    data += [[Paragraph(escape(c), SMALL) for c in row] for row in table.rows]
    flow = Table(data, repeatRows=1, hAlign="LEFT")
    flow.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return flow


def _boxed(flowables: list[Flowable]) -> Table:
    """The "at a glance" section in a ruled box, so it is read first."""
    box = Table([[flowables]], colWidths=["100%"], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return box


def _body(counts: dict[str, int]) -> Table:
    """The shaded body with its legend, and beside it the counts in two pairs of columns,
    so that sixteen places take eight lines."""
    shaded = body_map.shaded(counts)
    steps = ", ".join(words for _, words in shaded.legend[1:])
    legend = f"White: not named; lighter to darker: {steps}." if steps else ""
    words = " ".join(body_map.SIDE_WORDS.values())
    cells = [[row.label, str(row.count)] for row in shaded.rows] or [["No places named", ""]]
    half = -(-len(cells) // 2)
    pairs = [
        left + right for left, right in zip_longest(cells[:half], cells[half:], fillvalue=["", ""])
    ]
    counts_table = sections.Table("", ["Where", "Times named"] * 2, pairs)
    picture = [charts.shaded_body(counts, width=70)]
    text = [Paragraph(escape(f"{words} {legend}"), SMALL), _table(counts_table)]
    box = Table([[picture, text]], colWidths=[27 * mm, None], hAlign="LEFT")
    box.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)])
    )
    return box


class _Footer:
    def __init__(self, text: str):
        self.text = text

    def __call__(self, canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(15 * mm, 10 * mm, self.text)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()


def summary_pdf(summary: VisitSummary) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=16 * mm,
        title="MS Journal visit summary",
        author="MS Journal",
    )
    weeks = summary.figures.weeks
    drawings = {"spasms": charts.spasms_per_week(weeks), "pain": charts.worst_pain_per_week(weeks)}
    story: list[Flowable] = [
        Paragraph("Summary for the neurologist", H1),
        Paragraph(escape(title_line(summary)) + f" · made {summary.generated_at:%-d %b %Y}", BODY),
        Paragraph(
            "Kept by the patient in MS Journal. Severity and pain on the 0–10 numeric scale.", SMALL
        ),
    ]
    for section in sections.sections(summary):
        text: list[Flowable] = [Paragraph(escape(section.title), H2)]
        text += [Paragraph(escape(line), BODY) for line in section.lines]
        figures: list[Flowable] = []  # each table with its caption, the chart: kept whole
        for table in section.tables:
            figures.append(KeepTogether([Paragraph(escape(table.caption), SMALL), _table(table)]))
        if section.chart:
            figures.append(KeepTogether([Spacer(1, 2 * mm), drawings[section.chart]]))
        if section.regions is not None:
            figures.append(_body(section.regions))
        if section.box:
            story += [Spacer(1, 2 * mm), _boxed(text)]
        elif not figures and len(text) < 12:
            story.append(KeepTogether(text))
        else:
            # A long section may break between its parts, the heading kept with its start,
            # so the page before does not stay half empty.
            story += [KeepTogether(text[:4]), *text[4:], *figures]
    footer = _Footer(
        f"MS Journal · {title_line(summary)} · made {summary.generated_at:%-d %b %Y %H:%M}"
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
