"""The visit summary is written for the neurologist: third person, whose it is, an "at a
glance" box, part weeks marked, a possible relapse told as one episode."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from analysis.stats.associations import Result
from lib.rules import EntryFact
from tests.support.makers import jurl, local, make_entry
from triggers.models import CheckIn
from visits.figures import visit_figures
from visits.sections import sections
from visits.wording import trigger_for_clinician

FIRST, LAST = dt.date(2026, 3, 2), dt.date(2026, 3, 18)  # two weeks and three days


def day(n: int) -> dt.date:
    return FIRST + dt.timedelta(days=n)


def relapse(n: int, region: str = "Left foot") -> EntryFact:
    return EntryFact(day(n), "pain", 6, (region,), pain_type="Nerve pain", with_new_symptoms=True)


def test_relapse_entries_a_few_days_apart_are_one_episode_with_its_dates():
    entries = [relapse(1), relapse(3, "Right leg"), relapse(4), relapse(9)]
    f = visit_figures(FIRST, LAST, entries, {day(n) for n in range(17)}, {day(0): {"fever": True}})
    first, second = f.episodes
    assert (first.first, first.last, first.entries) == (day(1), day(4), 3)
    assert first.regions == ["Left foot", "Right leg"] and first.other_causes == ["fever"]
    assert (second.first, second.last, second.entries) == (day(9), day(9), 1)
    lines = next(s for s in sections_of(f) if s.title == "Possible relapses").lines
    assert lines[0].startswith("Tue 3 Mar to Fri 6 Mar 2026 (3 entries): pain with new")
    assert lines[1].startswith("Wed 11 Mar 2026: pain with new or returning symptoms")


def test_a_part_week_says_how_many_of_its_days_are_behind_it():
    recorded = {day(n) for n in range(17) if n != 3}  # one day missed in the first week
    f = visit_figures(FIRST, LAST, [], recorded, {})
    first, second, last = f.weeks
    assert (first.days_label, second.days_label, last.days_label) == ("6 of 7", "7", "3 of 7")
    assert last.chart_label == "16 Mar (3/7)" and second.chart_label == "9 Mar"
    (table,) = next(s for s in sections_of(f) if s.title == "Spasms").tables
    assert [row[1] for row in table.rows] == ["6 of 7", "7", "3 of 7"]


def test_the_at_a_glance_box_says_what_the_period_held_even_with_no_trigger_standing_out():
    flags = {
        day(0): {"heat": True, "poor_sleep": True},
        day(1): {"infection": True, "fever": True},
        day(2): {"fever": True},
        day(3): {"heat": True},
    }
    spasms = [EntryFact(day(0), "spasm", 5, ("Left leg",))] * 6
    f = visit_figures(FIRST, LAST, [*spasms, relapse(1)], set(flags), flags)
    glance = sections_of(f)[0]
    assert glance.title == "At a glance" and glance.box
    assert glance.lines == [
        "Spasms: 1.5 a day on recorded days (6 in all, worst severity 5/10).",
        "Worst pain: 6/10 (mean 6.0 over 1 entry).",
        "Possible relapses: 1 episode, 3 Mar 2026.",
        "The period held: 2 days with infection or fever, 2 hot days, 1 poor night "
        "(of 4 days with a check-in).",
        "Data completeness: 4 of 17 days recorded (23%).",
    ]
    triggers = next(s for s in sections_of(f) if s.title.startswith("Triggers"))
    assert triggers.lines == ["No trigger stands out in this period."]


def test_trigger_findings_are_told_in_the_third_person():
    hot = Result("heat", "spasm_count", 0, "binary", 20, 40, 2.0, 0.8, 3.2, 0.01, 0.03,
                 enough_data=True, stands_out=True, rate_ratio=1.6)  # fmt: skip
    assert trigger_for_clinician(hot) == (
        "On hot days, 2.0 more spasms were logged than on other days (95% range 0.8 to 3.2; "
        "rate ratio 1.6), allowing for the other triggers: 20 hot days vs 40 others."
    )
    pain = Result("heat", "pain_max", 1, "binary", 20, 40, -1.5, -2.5, -0.5, 0.01,
                  enough_data=True, stands_out=True)  # fmt: skip
    sentence = trigger_for_clinician(pain)
    assert sentence.startswith("The day after a hot day, the worst pain of the day was 1.5")
    assert "you" not in sentence.split() and "your" not in sentence.split()


def sections_of(figures):
    class Summary:
        standing_out: list = []
        treatments = None
        questions = ""
        region_counts: dict = {}

    summary = Summary()
    summary.figures = figures
    return sections(summary)


@pytest.fixture
def named_patient(patient):
    patient.full_name = "Patricia Anne Bloggs"
    patient.date_of_birth = dt.date(1984, 3, 21)
    patient.save()
    for n in range(3):
        CheckIn.objects.create(patient=patient, date=day(n), overheated=n == 0)
        make_entry(patient, occurred_at=local(2026, 3, 2 + n, 9, 0), severity=4)
    return patient


@pytest.mark.django_db
def test_the_pdf_and_print_page_name_the_patient_in_full_with_the_date_of_birth(
    patient_client, named_patient
):
    query = {"start": FIRST, "end": LAST}
    pdf = patient_client.get(jurl(named_patient, "summary_pdf"), query).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Patricia Anne Bloggs (born 21 Mar 1984) · 2 Mar 2026 to 18 Mar 2026" in text
    assert "At a glance" in text and "1 hot day" in text
    html = patient_client.get(jurl(named_patient, "summary_print"), query).content.decode()
    assert "<strong>Patricia Anne Bloggs (born 21 Mar 1984)</strong>" in html
    assert '<section class="glance">' in html
