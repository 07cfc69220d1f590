"""Export, then import: every entry, day, trigger and logger comes back, byte for byte."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sharing.models import CareAccess
from symptoms.models import Entry
from tests.support.makers import PASSWORD, jurl, local, make_entry
from transfers.exporting import days_csv, entries_csv
from transfers.importing import import_journal
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db

# Text a spreadsheet would run, or a CSV writer could mangle.
HOSTILE = [
    '=HYPERLINK("http://example.com","click")',
    "+1 cramp",
    "-2 degrees outside",
    "@SUM(A1:A9)",
    "\tstarts with a tab",
    "\rstarts with a carriage return",
    "'=already quoted",
    "''=two apostrophes",
    "'",
    "'just an apostrophe",
    'said "no", then left',
    "line one\nline two\r\nline three",
    "Ünïcödé 🙂 日本語",
    "ends with spaces  ",
    "-",
]
HOSTILE_TRIGGERS = [
    "=cmd|' /C calc'!A0",
    'Tight, "new" shoes',
    "Ünï 🙂",
    "-minus",
    "'=quoted",
    "@home",
]
ENTRY_FIELDS = [
    f.name
    for f in Entry._meta.concrete_fields
    if f.name not in ("id", "patient", "created_at", "updated_at", "client_token")
]
DAY_FIELDS = [
    f.name
    for f in CheckIn._meta.concrete_fields
    if f.name not in ("id", "patient", "created_at", "updated_at")
]


@pytest.fixture
def hostile_journal(patient):
    for n, text in enumerate(HOSTILE):
        make_entry(patient, occurred_at=local(2026, 3, 1, 8, n), notes=text)
    make_entry(
        patient,
        kind="pain",
        occurred_at=local(2026, 3, 2, 9, 0),
        before_when="=1+1",
        interference_example="-5 hours of sleep",
        interference_sleep=0,
    )
    triggers = [OwnTrigger.objects.create(patient=patient, name=n) for n in HOSTILE_TRIGGERS]
    cold = CheckIn.objects.create(
        patient=patient, date=dt.date(2026, 1, 5), max_temp_c=-5, sleep_hours=0, steps=0
    )
    TagAnswer.objects.create(check_in=cold, trigger=triggers[0], present=True)
    TagAnswer.objects.create(check_in=cold, trigger=triggers[1], present=False)
    return patient


def values(objects, fields) -> list[dict]:
    return [{f: getattr(o, f) for f in fields} for o in objects]


def post_files(client, patient, entries: bytes, days: bytes):
    return client.post(
        jurl(patient, "import"),
        {
            "entries": SimpleUploadedFile("entries.csv", entries, content_type="text/csv"),
            "days": SimpleUploadedFile("days.csv", days, content_type="text/csv"),
        },
    )


def test_hostile_text_survives_export_and_import_through_the_pages(
    client, hostile_journal, stranger
):
    client.force_login(hostile_journal)
    response = client.get(jurl(hostile_journal, "export_csv"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    entries, days = archive.read("entries.csv"), archive.read("days.csv")
    client.force_login(stranger)
    response = post_files(client, stranger, entries, days)
    assert "16 entries were added" in response.content.decode()
    order = ("occurred_at", "id")
    assert values(Entry.objects.filter(patient=stranger).order_by(*order), ENTRY_FIELDS) == [
        {**v, "logged_by": stranger}
        for v in values(
            Entry.objects.filter(patient=hostile_journal).order_by(*order), ENTRY_FIELDS
        )
    ]
    assert values(CheckIn.objects.filter(patient=stranger), DAY_FIELDS) == values(
        CheckIn.objects.filter(patient=hostile_journal), DAY_FIELDS
    )
    assert sorted(
        OwnTrigger.objects.filter(patient=stranger).values_list("name", flat=True)
    ) == sorted(HOSTILE_TRIGGERS)
    # And the new account's own export is the very same bytes.
    assert entries_csv(stranger).encode() == entries
    assert days_csv(stranger).encode() == days


def test_no_cell_of_the_export_would_run_as_a_formula(hostile_journal):
    for text in (entries_csv(hostile_journal), days_csv(hostile_journal)):
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
                assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()
    days = list(csv.DictReader(io.StringIO(days_csv(hostile_journal))))
    assert days[0]["max_temp_c"] == "-5.0"  # numbers stay numbers
    notes = [row["notes"] for row in csv.DictReader(io.StringIO(entries_csv(hostile_journal)))]
    assert '\'=HYPERLINK("http://example.com","click")' in notes
    assert "'''=two apostrophes" in notes and "'just an apostrophe" in notes


def test_look_alike_entries_stay_two(patient, stranger):
    same = {"occurred_at": local(2026, 3, 1, 8, 0), "severity": 4, "regions": ["neck"]}
    make_entry(patient, **same)
    make_entry(patient, **same)
    summary = import_journal(patient=stranger, entries_csv=entries_csv(patient))
    assert summary.entries_added == 2
    again = import_journal(patient=stranger, entries_csv=entries_csv(patient))
    assert (again.entries_added, again.entries_already_there) == (0, 2)
    assert Entry.objects.filter(patient=stranger).count() == 2


def test_rows_without_an_id_still_match_on_content(patient):
    make_entry(patient, occurred_at=local(2026, 3, 1, 8, 0), severity=4, regions=["neck"])
    diary = "when,kind,severity,regions\n2026-03-01T08:00,spasm,4,neck\n"
    summary = import_journal(patient=patient, entries_csv=diary)
    assert (summary.entries_added, summary.entries_already_there) == (0, 1)


def test_the_same_id_twice_is_a_problem(patient):
    make_entry(patient)
    text = entries_csv(patient)
    header, row = text.splitlines()
    with pytest.raises(Exception, match="1 problem"):
        import_journal(patient=patient, entries_csv=f"{header}\n{row}\n{row}\n")


def test_who_logged_each_entry_comes_back(patient, django_user_model):
    carer = django_user_model.objects.create_user("carer@example.com", PASSWORD)
    gone = django_user_model.objects.create_user("gone@example.com", PASSWORD)
    CareAccess.objects.create(patient=patient, caregiver=carer, permission="log")
    CareAccess.objects.create(
        patient=patient, caregiver=gone, permission="log", revoked_at=timezone.now()
    )
    for n, logger in enumerate([patient, carer, gone]):
        make_entry(patient, occurred_at=local(2026, 3, 1, 8, n)).__class__.objects.filter(
            occurred_at=local(2026, 3, 1, 8, n)
        ).update(logged_by=logger)
    text = entries_csv(patient)
    loggers = [row["logged_by"] for row in csv.DictReader(io.StringIO(text))]
    # A caregiver whose access was revoked is not named in the file.
    assert loggers == ["patient", "carer@example.com", "former caregiver"]
    Entry.objects.all().delete()
    import_journal(patient=patient, entries_csv=text)
    back = list(Entry.objects.order_by("occurred_at"))
    assert [e.logged_by for e in back] == [patient, carer, None]
    assert [e.logged_by_label for e in back] == ["", str(carer), "a former caregiver"]


def test_an_unknown_logger_word_is_a_problem(patient):
    text = "when,kind,severity,regions,logged_by\n2026-03-01T08:00,spasm,4,neck,my mum\n"
    with pytest.raises(Exception, match="1 problem"):
        import_journal(patient=patient, entries_csv=text)


def test_a_trigger_with_no_answers_yet_is_exported_and_comes_back(patient, stranger):
    OwnTrigger.objects.create(patient=patient, name='Long drive, "bumpy"')
    text = days_csv(patient)
    assert text.splitlines() == [
        "date,max_temp_c,max_temp_c_source,humidity_pct,humidity_pct_source,overheated,"
        "sleep_hours,sleep_hours_source,sleep_quality,infection,fever,"
        'activity,steps,steps_source,stress,"tag:Long drive, ""bumpy"""'
    ]
    summary = import_journal(patient=stranger, days_csv=text)
    assert summary.triggers_added == ['Long drive, "bumpy"']
    assert "The days file has a header but no rows." in summary.lines()
