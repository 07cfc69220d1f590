"""The import refuses what the forms refuse, and a malformed file gets a clear message."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from symptoms.forms import SpasmForm
from symptoms.models import Entry
from tests.support.makers import jurl
from transfers.csv_format import MAX_FILE_BYTES
from transfers.importing import ImportRejected, import_journal
from treatments.models import Treatment
from triggers.forms import CheckInForm, OwnTriggerForm
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db

ENTRY_HEADER = "when,kind,severity,regions,notes,tried,interference_sleep\n"
TOMORROW = timezone.localdate() + dt.timedelta(days=2)


def problems_of(**files) -> list:
    with pytest.raises(ImportRejected) as rejected:
        import_journal(**files)
    return rejected.value.problems


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("2026-03-14T08:30,spasm,3,neck," + "x" * 2001 + ",,", "notes", "at most 2000"),
        ("2026-03-14T08:30,spasm,3,neck,bell\x07ring,,", "notes", "control characters"),
        ("0001-01-01T00:00,spasm,3,neck,,,", "when", "before 1900"),
        ("1899-12-31T23:59,spasm,3,neck,,,", "when", "before 1900"),
        ("2026-03-14T08:30,spasm,3,neck,,painkillers,", "tried", "painkillers"),
        ("2026-03-14T08:30,spasm,3,neck,,,7", "interference_sleep", "Only pain entries"),
        ("2026-03-14T08:30,spasm,99999999999999999,neck,,,", "severity", "from 0 to 10"),
    ],
)
def test_entry_cells_the_forms_refuse_are_refused(patient, row, column, message):
    problems = problems_of(patient=patient, entries_csv=ENTRY_HEADER + row + "\n")
    assert any(p.column == column and message in p.message for p in problems), problems
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("date,steps\n2026-03-14,99999999999999\n", "steps", "from 0 to 200,000"),
        ("date,steps\n2026-03-14,-3\n", "steps", "from 0 to 200,000"),
        ("date\n0001-01-01\n", "date", "before 1900"),
        (f"date\n{TOMORROW}\n", "date", "not happened yet"),
        ("date,sleep_hours\n2026-03-14,-1\n", "sleep_hours", "from 0 to 24"),
        ("date,max_temp_c\n2026-03-14,27.55\n", "max_temp_c", "more than one decimal place"),
        ("date,max_temp_c\n2026-03-14,1e30\n", "max_temp_c", "not a number"),
        ("date,max_temp_c\n2026-03-14,NaN\n", "max_temp_c", "not a number"),
        ("date,tag:\n2026-03-14,1\n", "tag:", "trigger's name"),
        ("date,tag:   \n2026-03-14,1\n", "tag:", "trigger's name"),
        ("date,tag:" + "x" * 60 + "\n2026-03-14,1\n", "tag:" + "x" * 60, "at most 40"),
        ("date,tag:half:time\n2026-03-14,1\n", "tag:half:time", "colon"),
        ("date,tag:be\x01ep\n2026-03-14,1\n", "tag:be\x01ep", "control characters"),
    ],
)
def test_day_cells_the_forms_refuse_are_refused(patient, text, column, message):
    problems = problems_of(patient=patient, days_csv=text)
    assert any(p.column == column and message in p.message for p in problems), problems
    assert not CheckIn.objects.exists() and not OwnTrigger.objects.exists()


TREATMENT_HEADER = "name,kind,unit,schedule,started\n"
GOOD_TREATMENT = "Baclofen,medicine,mg,regular,2026-01-05\n"


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ('"Bac\nlofen",medicine,mg', "name"),
        ('"Bac\rlofen",medicine,mg', "name"),
        ("Bac\u202elofen,medicine,mg", "name"),
        ('Tizanidine,medicine,"m\ng"', "unit"),
        ("Tizanidine,medicine,m\u2066g", "unit"),
    ],
)
def test_names_on_more_than_one_line_are_refused_by_row_and_nothing_is_imported(
    patient, cells, column
):
    text = TREATMENT_HEADER + GOOD_TREATMENT + cells + ",regular,2026-01-06\n"
    problems = problems_of(patient=patient, treatments_csv=text)
    assert [(p.row, p.column) for p in problems] == [(3, column)]
    assert "Keep this on one line" in problems[0].message
    assert not Treatment.objects.exists()


def test_a_trigger_column_on_two_lines_is_refused(patient):
    problems = problems_of(patient=patient, days_csv='date,"tag:cof\nfee"\n2026-03-14,1\n')
    assert [(p.row, p.column) for p in problems] == [(1, "tag:cof\nfee")]
    assert "Keep this on one line" in problems[0].message
    assert not CheckIn.objects.exists() and not OwnTrigger.objects.exists()


def test_the_forms_refuse_the_same_values(patient):
    """The rules live on the models, so the forms and the import cannot drift apart."""
    trigger = OwnTriggerForm({"name": "be\x01ep"}, patient=patient)
    assert not trigger.is_valid() and "control characters" in str(trigger.errors)
    trigger = OwnTriggerForm({"name": "half:time"}, patient=patient)
    assert not trigger.is_valid() and "colon" in str(trigger.errors)
    spasm = SpasmForm(
        {"occurred_at": "2026-03-14T08:30", "regions": ["neck"], "severity": "3", "notes": "\x07"}
    )
    assert not spasm.is_valid() and "control characters" in str(spasm.errors["notes"])
    day = CheckInForm(
        {"steps": "200001"},
        instance=CheckIn(patient=patient, date=dt.date(2026, 3, 14)),
        patient=patient,
    )
    assert not day.is_valid() and "steps" in day.errors


@pytest.mark.parametrize(
    ("files", "column", "message"),
    [
        (
            {"entries_csv": ENTRY_HEADER + "2026-03-14T08:30,spasm,11,neck,,,\n"},
            "severity",
            "0 to 10",
        ),
        (
            {"entries_csv": ENTRY_HEADER + "2026-03-14T08:30,spasm,-1,neck,,,\n"},
            "severity",
            "0 to 10",
        ),
        ({"days_csv": "date,sleep_quality\n2026-03-14,6\n"}, "sleep_quality", "1 to 5"),
        ({"days_csv": "date,max_temp_c\n2026-03-14,-61\n"}, "max_temp_c", "-60 to 60"),
    ],
)
def test_a_number_out_of_range_is_refused_in_the_forms_words(patient, files, column, message):
    (problem,) = problems_of(patient=patient, **files)
    assert (problem.column, problem.message) == (column, f"Choose a number from {message}.")


def test_a_negative_dose_is_refused_in_plain_words(patient):
    text = "name,kind,schedule,started,dose\nBaclofen,medicine,once,2026-01-01,-5\n"
    (problem,) = problems_of(patient=patient, treatments_csv=text)
    assert (problem.column, problem.message) == ("dose", "Enter 0 or more.")


def test_a_code_not_on_the_list_is_refused_with_the_codes_it_may_be(patient):
    text = "date,infection\n2026-03-14,flu\n"
    (problem,) = problems_of(patient=patient, days_csv=text)
    assert problem.column == "infection"
    assert problem.message == "'flu' is not one of the codes this column takes: " + (
        "none, cold_flu, uti, other"
    )


def test_a_place_not_on_the_list_is_refused_with_the_places_it_may_be(patient):
    text = "when,kind,severity,regions\n2026-03-14T08:30,spasm,4,neck;left_knee\n"
    (problem,) = problems_of(patient=patient, entries_csv=text)
    assert problem.column == "regions"
    assert problem.message.startswith("'left_knee' is not one of the body region codes: ")
    assert "left_leg" in problem.message


def test_an_unknown_kind_of_pain_with_feelings_is_a_problem_not_a_server_error(patient):
    header = "when,kind,severity,regions,pain_type,sensations\n"
    row = "2026-03-14T08:30,pain,4,neck,sore,burning\n"
    problems = problems_of(patient=patient, entries_csv=header + row)
    assert [p.column for p in problems] == ["pain_type"]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("when,,kind,severity\n2026-03-14T08:30,,spasm,3\n", "B", "has no name"),
        ("when,kind,kind,severity\n2026-03-14T08:30,spasm,spasm,3\n", "kind", "already there"),
        ("", "", "empty"),
        (
            'when,kind,severity,notes\n2026-03-14T08:30,spasm,3,"' + "x" * 200_000 + '"\n',
            "",
            "cannot be read",
        ),
    ],
)
def test_malformed_files_are_explained(patient, text, where, message):
    problems = problems_of(patient=patient, entries_csv=text)
    assert any(p.column == where and message in p.message for p in problems), problems


def test_the_same_tag_twice_in_the_header_is_a_problem(patient):
    problems = problems_of(
        patient=patient, days_csv="date,tag:Coffee,tag:coffee \n2026-03-14,1,0\n"
    )
    assert [(p.row, p.column) for p in problems] == [(1, "tag:coffee")]


def upload(text: str | bytes, name: str = "e.csv") -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("days", b"date,tag:\n2026-03-14,1\n", "trigger&#x27;s name after tag:"),
        ("entries", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV text file"),
        ("entries", b"when,kind,severity\n\xff\xfe2026,spasm,3\n", "not a UTF-8 CSV file"),
        ("entries", b"when,kind,severity\n", "has a header but no rows"),
        ("entries", b"", "The submitted file is empty"),
    ],
)
def test_the_import_page_answers_a_bad_file_with_a_message(
    patient_client, patient, field, data, message
):
    response = patient_client.post(jurl(patient, "import"), {field: upload(data), "dry_run": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_import_page_shows_its_problems_before_the_introduction(patient_client, patient):
    bad = "when,kind,severity,regions\n2026-03-14T08:30,spasm,11,neck\n"
    response = patient_client.post(jurl(patient, "import"), {"entries": upload(bad)})
    html = response.content.decode()
    problems = html.index("Nothing was imported: 1 problem to fix first")
    assert html.index("<h1>") < problems < html.index("Moving from a paper")
    assert "Entries file, row 2, column severity: Choose a number from 0 to 10." in html
    # Each problem links to the file to choose again once it is put right.
    assert '<li><a href="#id_entries">Entries file, row 2' in html
    assert 'id="id_entries"' in html
    assert "Ensure this value" not in html


def test_a_side_effects_problem_links_to_the_side_effects_file(patient_client, patient):
    bad = "treatment,date,severity\nNowhere,2026-03-14,mild\n"
    response = patient_client.post(jurl(patient, "import"), {"side_effects": upload(bad)})
    assert '<li><a href="#id_side_effects">Side effects file, row 2' in response.content.decode()


def test_a_byte_order_mark_is_fine(patient_client, patient):
    data = "\ufeffwhen,kind,severity,regions\n2026-03-14T08:30,spasm,3,neck\n".encode()
    response = patient_client.post(jurl(patient, "import"), {"entries": upload(data)})
    assert "1 entries were added" in response.content.decode()


def test_a_50_mb_upload_is_refused_with_a_message(patient_client, patient):
    big = upload(b"when,kind,severity\n" + b"x" * (50 * 1024 * 1024))
    response = patient_client.post(jurl(patient, "import"), {"entries": big})
    assert response.status_code == 200
    assert "The files are too big: each may be up to 10 MB" in response.content.decode()
    assert not Entry.objects.exists()


def test_one_file_over_the_limit_is_named(patient_client, patient):
    big = upload(b"when,kind,severity\n" + b"x" * MAX_FILE_BYTES)
    days = upload(b"date,stress\n2026-03-14,3\n", "d.csv")
    response = patient_client.post(jurl(patient, "import"), {"entries": big, "days": days})
    assert response.status_code == 200
    assert "That file is over 10 MB" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_import_page_still_checks_the_csrf_token(client, patient):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(patient)
    response = client.post(jurl(patient, "import"), {"entries": upload("when,kind,severity\n")})
    assert response.status_code == 403


def journal_files(rows: int) -> tuple[str, str]:
    start = dt.datetime(2025, 1, 1, 8, 0)
    entries = "when,kind,severity,regions,notes\n" + "".join(
        f"{start + dt.timedelta(hours=n):%Y-%m-%dT%H:%M},spasm,{n % 11},left_leg,n{n}\n"
        for n in range(rows)
    )
    days = "date,stress,tag:Coffee,tag:Long drive\n" + "".join(
        f"{dt.date(2025, 1, 1) + dt.timedelta(days=n)},{n % 11},{n % 2},1\n" for n in range(rows)
    )
    return entries, days


def test_the_number_of_queries_does_not_grow_with_the_rows(
    patient, stranger, django_assert_max_num_queries
):
    # Up to 30 rows each insert is one statement on every database (SQLite takes 33
    # entries at a time); beyond that, inserts go in the batches the database allows.
    entries, days = journal_files(2)
    with CaptureQueriesContext(connection) as few:
        import_journal(patient=patient, entries_csv=entries, days_csv=days)
    entries, days = journal_files(30)
    with django_assert_max_num_queries(len(few)):
        import_journal(patient=stranger, entries_csv=entries, days_csv=days)
    assert Entry.objects.filter(patient=stranger).count() == 30
    assert TagAnswer.objects.filter(check_in__patient=stranger).count() == 60


def test_importing_again_updates_days_in_bulk(patient):
    entries, days = journal_files(5)
    import_journal(patient=patient, entries_csv=entries, days_csv=days)
    changed = days.replace(",1,1\n", ",0,0\n")
    summary = import_journal(patient=patient, days_csv=changed)
    assert (summary.days_updated, summary.days_already_there) == (2, 3)
    assert TagAnswer.objects.filter(trigger__name="Long drive", present=False).count() == 2
    assert TagAnswer.objects.filter(trigger__name="Long drive").count() == 5
