import datetime as dt
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from symptoms.models import Entry
from symptoms.rules import EntryFact
from tests.conftest import jurl, local, make_entry
from transfers.exporting import days_csv, entries_csv
from transfers.fhir import journal_bundle
from transfers.importing import import_journal
from triggers.models import CheckIn, OwnTrigger, TagAnswer
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
    assert "Sat 7 Mar 2026: pain with new or returning symptoms (Chest or belly (band))" in text
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


@pytest.fixture
def full_journal(patient):
    coffee = OwnTrigger.objects.create(patient=patient, name="Coffee")
    make_entry(
        patient,
        occurred_at=local(2026, 3, 14, 8, 30),
        severity=6,
        regions=["left_leg", "right_leg"],
        duration_minutes=15,
        painful=True,
        tried=["stretching", "heat"],
        helped="partly",
        notes="Woke me, at dawn",
    )
    make_entry(
        patient,
        kind="pain",
        occurred_at=local(2026, 3, 14, 21, 10),
        severity=7,
        regions=["chest_band"],
        pain_type="nerve",
        sensations=["ms_hug", "burning"],
        pattern="constant",
        onset="gradual",
        with_new_symptoms=True,
        relieved_by=["painkillers"],
        worsened_by=["lying_down"],
        happened_before="different",
        before_when="two years ago",
        interference_sleep=8,
        interference_mood=5,
        interference_example='Said "no" to dinner',
    )
    first = CheckIn.objects.create(
        patient=patient,
        date=dt.date(2026, 3, 14),
        overheated=True,
        max_temp_c=27.5,
        humidity_pct=60,
        sleep_hours=5.5,
        sleep_quality=2,
        infection="uti",
        fever=False,
        activity="hard",
        steps=3000,
        stress=7,
    )
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 3, 15), stress=2)
    TagAnswer.objects.create(check_in=first, trigger=coffee, present=True)
    return patient


ENTRY_FIELDS = [
    "kind",
    "occurred_at",
    "severity",
    "regions",
    "notes",
    "duration_minutes",
    "painful",
    "tried",
    "helped",
    "pain_type",
    "sensations",
    "pattern",
    "onset",
    "with_new_symptoms",
    "relieved_by",
    "worsened_by",
    "happened_before",
    "before_when",
    "interference_sleep",
    "interference_work",
    "interference_sitting",
    "interference_walking",
    "interference_mood",
    "interference_example",
]
DAY_FIELDS = [
    "date",
    "overheated",
    "max_temp_c",
    "humidity_pct",
    "sleep_hours",
    "sleep_quality",
    "infection",
    "fever",
    "activity",
    "steps",
    "stress",
]


@pytest.mark.django_db
def test_csv_export_then_import_into_a_new_account_loses_nothing(full_journal, stranger):
    import_journal(
        patient=stranger, entries_csv=entries_csv(full_journal), days_csv=days_csv(full_journal)
    )
    for mine, theirs in zip(
        Entry.objects.filter(patient=full_journal).order_by("occurred_at"),
        Entry.objects.filter(patient=stranger).order_by("occurred_at"),
        strict=True,
    ):
        assert {f: getattr(mine, f) for f in ENTRY_FIELDS} == {
            f: getattr(theirs, f) for f in ENTRY_FIELDS
        }
    for mine, theirs in zip(
        CheckIn.objects.filter(patient=full_journal).order_by("date"),
        CheckIn.objects.filter(patient=stranger).order_by("date"),
        strict=True,
    ):
        assert {f: getattr(mine, f) for f in DAY_FIELDS} == {
            f: getattr(theirs, f) for f in DAY_FIELDS
        }
    assert TagAnswer.objects.get(check_in__patient=stranger).trigger.name == "Coffee"


@pytest.mark.django_db
def test_the_web_export_is_a_zip_of_the_two_files(patient_client, full_journal):
    response = patient_client.get(jurl(full_journal, "export_csv"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["days.csv", "entries.csv"]
    assert archive.read("entries.csv").decode() == entries_csv(full_journal)


@pytest.mark.django_db
def test_fhir_bundle_validates_and_carries_the_codes_and_values(patient_client, full_journal):
    data = json.loads(patient_client.get(jurl(full_journal, "export_fhir")).content)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    resources = [e.resource for e in bundle.entry]
    patient = resources[0]
    assert patient.get_resource_type() == "Patient"
    assert patient.name[0].text == "Pat" and not patient.telecom  # no e-mail, nothing not given
    observations = resources[1:]
    spasm, pain = [r for r in observations if r.code.coding[0].code == "75325-1"]
    assert (
        spasm.component[0].code.coding[0].code == "64750-3" and spasm.component[0].valueInteger == 6
    )
    assert [c.code for c in spasm.bodySite.coding] == ["left_leg", "right_leg"]
    codes = {c.code.coding[0].code: c for c in pain.component}
    assert codes["72514-3"].valueInteger == 7
    assert codes["99495-4"].valueString == "Bit by bit"
    assert codes["100753-3"].valueString == "Painkillers"
    assert codes["100752-5"].valueString == "Lying down"
    check_ins = [r for r in observations if r.code.coding[0].code == "daily-check-in"]
    assert len(check_ins) == 2 and str(check_ins[0].effectiveDateTime) == "2026-03-14"
    values = {c.code.coding[0].code: c for c in check_ins[0].component}
    assert (
        values["max-temperature"].valueQuantity.value == 27.5
        and values["tag:Coffee"].valueBoolean is True
    )


@pytest.mark.django_db
def test_export_summary_command_writes_each_format(full_journal, tmp_path):
    out = StringIO()
    call_command(
        "export_summary",
        "--user",
        full_journal.email,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "s.pdf"),
        stdout=out,
    )
    assert "2 of 31 days recorded" in " ".join(
        p.extract_text() for p in PdfReader(tmp_path / "s.pdf").pages
    )
    call_command(
        "export_summary",
        "--user",
        full_journal.email,
        "--format",
        "csv",
        "--out",
        str(tmp_path / "csv"),
        stdout=out,
    )
    assert (tmp_path / "csv" / "entries.csv").read_bytes().decode() == entries_csv(full_journal)
    call_command(
        "export_summary",
        "--user",
        full_journal.email,
        "--format",
        "fhir",
        "--out",
        str(tmp_path / "b.json"),
        stdout=out,
    )
    Bundle.model_validate_json((tmp_path / "b.json").read_text())
    assert (
        json.loads((tmp_path / "b.json").read_text())["entry"][0]["resource"]
        == journal_bundle(full_journal)["entry"][0]["resource"]
    )
    with pytest.raises(CommandError, match="No account"):
        call_command(
            "export_summary", "--user", "x@example.com", "--format", "pdf", "--out", "x.pdf"
        )


@pytest.mark.django_db
def test_exports_are_the_patients_alone(client, full_journal, viewer):
    client.force_login(viewer)
    assert client.get(jurl(full_journal, "export_csv")).status_code == 404
    assert client.get(jurl(full_journal, "export_fhir")).status_code == 404
    assert client.get(jurl(full_journal, "summary_pdf")).status_code == 200
