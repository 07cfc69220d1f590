import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from lib.rules import EntryFact
from symptoms.models import Entry
from tests.support.makers import jurl, local, make_entry
from triggers.models import CheckIn
from visits.figures import visit_figures
from visits.models import VisitPrep

FIRST, LAST = dt.date(2026, 3, 2), dt.date(2026, 3, 15)  # two whole weeks, Monday to Sunday


def day(n: int) -> dt.date:
    return FIRST + dt.timedelta(days=n)


def test_figures_from_a_hand_made_fortnight():
    spasms = [
        EntryFact(day(0), "spasm", 4, ("Left leg",), minutes=5, tried=("Stretching",), helped="yes")
    ] * 3
    spasms += [
        EntryFact(
            day(1),
            "spasm",
            8,
            ("Left leg", "Right leg"),
            minutes=20,
            tried=("Stretching",),
            helped="no",
        )
    ]
    spasms += [EntryFact(day(8), "spasm", 6, ("Right leg",))] * 12  # a bad day in week two
    pains = [
        EntryFact(
            day(2),
            "pain",
            7,
            ("Chest or belly (band)",),
            pain_type="Nerve pain",
            pattern="There all the time",
            onset="Suddenly",
            with_new_symptoms=True,
            interference={"sleep": 8},
            example="Two hours to fall asleep",
        ),
        EntryFact(
            day(9),
            "pain",
            3,
            ("Lower back",),
            pain_type="Back, hip or joint ache",
            pattern="There all the time",
            interference={"sleep": 4, "walking": 6},
        ),
    ]
    recorded = {day(n) for n in range(14) if n not in (5, 6)}  # the first weekend unrecorded
    flags = {day(1): {"fever": True}}
    f = visit_figures(FIRST, LAST, spasms + pains, recorded, flags)
    assert (f.days_in_range, f.days_recorded, f.spasm_total) == (14, 12, 16)
    assert f.spasms_per_day == pytest.approx(16 / 12)
    assert f.worst_day == (day(8), 12)
    assert (f.spasm_severity_median, f.spasm_severity_worst) == (6, 8)
    assert f.spasm_regions[0] == ("Right leg", 13)
    assert (f.spasm_minutes_median, f.spasm_minutes_longest) == (5, 20)
    week1, week2 = f.weeks
    # Week 1: scores 3 (three spasms), 2 (one), then 1 1 1 for recorded days without spasms.
    assert (week1.recorded_days, week1.spasms, week1.score_median, week1.score_worst) == (
        5,
        4,
        1,
        3,
    )
    # Week 2: one day of twelve spasms (score 5), six days with none (score 1).
    assert (week2.recorded_days, week2.spasms, week2.score_median, week2.score_worst) == (
        7,
        12,
        1,
        5,
    )
    assert (week1.pain_worst, week2.pain_worst) == (7, 3)
    assert f.pain_by_kind == [("Nerve pain", 1), ("Back, hip or joint ache", 1)]
    assert (f.pattern, f.onset) == ("There all the time", "Suddenly")
    assert f.interference == [("sleep", 6.0, 2), ("walking", 6.0, 1)]
    assert f.examples == ["Two hours to fall asleep"]
    (relapse,) = f.relapses
    assert relapse.date == day(2) and relapse.other_causes == ["fever"]  # the day before
    stretching = f.helped[0]
    assert (stretching.measure, stretching.tried, stretching.yes, stretching.no) == (
        "Stretching",
        4,
        3,
        1,
    )


def test_a_relapse_the_day_after_a_fever_says_so():
    pain = EntryFact(
        day(2), "pain", 6, ("Left foot",), pain_type="Nerve pain", with_new_symptoms=True
    )
    f = visit_figures(FIRST, LAST, [pain], {day(2)}, {day(1): {"fever": True, "infection": True}})
    assert f.relapses[0].other_causes == ["fever", "infection"]


@pytest.fixture
def journal_with_history(patient):
    for n in range(14):
        CheckIn.objects.create(
            patient=patient, date=day(n), overheated=n % 2 == 0, sleep_hours=7, fever=n == 4
        )
        for i in range(n % 3 + 1):
            make_entry(
                patient,
                occurred_at=local(2026, 3, 2 + n, 9 + i, 0),
                severity=4 + i,
                regions=["left_leg"],
                tried=["stretching"],
                helped="yes",
            )
    make_entry(
        patient,
        kind="pain",
        occurred_at=local(2026, 3, 7, 21, 0),
        severity=7,
        regions=["chest_band"],
        pain_type="nerve",
        sensations=["ms_hug"],
        with_new_symptoms=True,
        interference_sleep=8,
        interference_example="Two hours to fall asleep",
    )
    VisitPrep.objects.create(patient=patient, questions="Should I try baclofen at night?")
    return patient


@pytest.mark.django_db
def test_the_pdf_states_the_headline_figures_on_at_most_two_pages(
    patient_client, journal_with_history
):
    patient = journal_with_history
    response = patient_client.get(jurl(patient, "summary_pdf"), {"start": FIRST, "end": LAST})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    spasms = Entry.objects.spasms().count()
    assert f"{spasms} spasms logged" in text
    assert "14 of 14 days recorded (100%)" in text
    assert (
        "Sat 7 Mar 2026: pain with new or returning symptoms. Where: Chest or belly (band)." in text
    )
    assert "Should I try baclofen at night?" in text
    assert "Two hours to fall asleep" in text
    assert "Pat · 2 Mar 2026 to 15 Mar 2026" in text


@pytest.mark.django_db
def test_the_print_page_has_no_navigation_and_a_footer(patient_client, journal_with_history):
    patient = journal_with_history
    html = patient_client.get(
        jurl(patient, "summary_print"), {"start": FIRST, "end": LAST}
    ).content.decode()
    assert "<nav" not in html and "/static/css/print" in html
    assert "Summary for the neurologist" in html and 'class="print-footer"' in html
    assert "<svg" in html  # the charts, drawn on the server
    assert "plotly" not in html


@pytest.mark.django_db
def test_the_default_range_starts_at_the_last_visit(patient_client, patient):
    VisitPrep.objects.create(patient=patient, last_visit=dt.date(2026, 1, 5))
    response = patient_client.get(jurl(patient, "summary"))
    assert response.context["start"] == dt.date(2026, 1, 5)


@pytest.mark.django_db
def test_questions_and_last_visit_are_saved_and_bad_dates_explained(patient_client, patient):
    patient_client.post(
        jurl(patient, "summary_prepare"), {"last_visit": "2026-01-05", "questions": "Sleep?"}
    )
    assert VisitPrep.objects.get().questions == "Sleep?"
    html = patient_client.post(
        jurl(patient, "summary_prepare"), {"last_visit": "2999-01-01", "questions": "Kept"}
    ).content.decode()
    assert "has not happened yet" in html and "Kept" in html
    html = patient_client.get(
        jurl(patient, "summary"), {"start": "2026-05-01", "end": "2026-04-01"}
    ).content.decode()
    assert "end date is before the start date" in html


def test_the_print_pages_charts_stay_plain_svg_after_the_two_step_qr_code_was_drawn():
    # The QR code library registers an "svg:" prefix in ElementTree's global registry; a
    # chart written with it would not draw on an HTML page.
    import qrcode
    import qrcode.image.svg
    from reportlab.graphics.shapes import Drawing, Rect

    from visits.charts import as_svg

    qrcode.make("otpauth://totp/MS%20Journal", image_factory=qrcode.image.svg.SvgPathImage)

    drawing = Drawing(40, 20)
    drawing.add(Rect(0, 0, 40, 20))
    svg = as_svg(drawing)
    assert svg.startswith("<svg ") and "<svg:" not in svg and "<ns0:" not in svg
    assert "<rect " in svg and "style=" not in svg


@pytest.mark.django_db
def test_the_print_pages_two_charts_each_clip_to_their_own_frame(patient_client, patient):
    make_entry(patient)
    page = patient_client.get(jurl(patient, "summary_print")).text
    ids = re.findall(r'<[^>]* id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "an id stands twice on the page"
    for clip in re.findall(r"url\(#([^)]+)\)", page):
        assert clip in ids
