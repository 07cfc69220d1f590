import datetime as dt
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from symptoms.models import Entry
from tests.support.makers import jurl
from transfers.importing import ImportRejected, import_journal
from triggers.models import CheckIn, OwnTrigger, TagAnswer

pytestmark = pytest.mark.django_db

ENTRIES = """when,kind,severity,minutes,regions,notes,painful,tried,helped,pain_type,sensations,new_symptoms,interference_sleep,interference_example
2026-03-14T08:30,spasm,6,15,left_leg;right_leg,Woke me at dawn,1,stretching;heat,partly,,,,,
2026-03-14T21:10+00:00,pain,7,,chest_band,,,,,nerve,ms_hug,1,8,Two hours to fall asleep
2026-07-01T23:30,spasm,3,,neck,,,,,,,,,
"""
DAYS = """date,max_temp_c,overheated,sleep_hours,sleep_quality,infection,fever,activity,steps,stress,tag:Coffee
2026-03-14,27.5,1,5.5,2,none,0,light,,6,1
2026-03-15,,0,7.5,4,,,,3000,3,
"""


def test_entries_and_days_are_imported_in_the_patients_zone(patient):
    summary = import_journal(patient=patient, entries_csv=ENTRIES, days_csv=DAYS)
    assert (summary.entries_added, summary.days_added, summary.triggers_added) == (3, 2, ["Coffee"])
    spasm, pain, late = Entry.objects.order_by("occurred_at")
    assert spasm.regions == ["left_leg", "right_leg"] and spasm.tried == ["stretching", "heat"]
    assert (spasm.severity, spasm.duration_minutes, spasm.painful, spasm.helped) == (
        6,
        15,
        True,
        "partly",
    )
    assert (
        pain.is_possible_relapse and pain.sensations == ["ms_hug"] and pain.interference_sleep == 8
    )
    # 23:30 in London in July is 22:30 UTC: the zone comes from the patient's profile.
    assert late.occurred_at == dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    first = CheckIn.objects.get(date=dt.date(2026, 3, 14))
    assert (float(first.max_temp_c), first.overheated, float(first.sleep_hours)) == (
        27.5,
        True,
        5.5,
    )
    assert (first.infection, first.fever, first.activity, first.stress) == (
        "none",
        False,
        "light",
        6,
    )
    assert TagAnswer.objects.get().present is True
    second = CheckIn.objects.get(date=dt.date(2026, 3, 15))
    assert (second.infection, second.fever, second.max_temp_c, second.steps) == (
        "",
        None,
        None,
        3000,
    )


def test_importing_the_same_files_again_changes_nothing(patient):
    import_journal(patient=patient, entries_csv=ENTRIES, days_csv=DAYS)
    again = import_journal(patient=patient, entries_csv=ENTRIES, days_csv=DAYS)
    assert (again.entries_added, again.entries_already_there) == (0, 3)
    assert (again.days_added, again.days_updated, again.days_already_there) == (0, 0, 2)
    assert (
        Entry.objects.count() == 3
        and CheckIn.objects.count() == 2
        and TagAnswer.objects.count() == 1
    )
    assert OwnTrigger.objects.count() == 1


def test_an_empty_cell_never_erases_what_the_journal_has(patient):
    CheckIn.objects.create(patient=patient, date=dt.date(2026, 3, 15), max_temp_c=19, stress=8)
    summary = import_journal(patient=patient, days_csv=DAYS)
    check_in = CheckIn.objects.get(date=dt.date(2026, 3, 15))
    assert (check_in.max_temp_c, check_in.stress) == (19, 3)
    assert summary.days_updated == 1


def test_every_bad_row_is_listed_and_nothing_is_imported(patient):
    entries = (
        ENTRIES
        + "yesterday,spasm,11,,left_tail,,,,,,,,,\n2026-03-16T10:00,twitch,4,,neck,,,,,,,,,\n"
    )
    days = DAYS + "2026-03-16,,maybe,,9,flu,,,,,\n"
    with pytest.raises(ImportRejected) as rejected:
        import_journal(patient=patient, entries_csv=entries, days_csv=days)
    problems = {(p.file, p.row, p.column) for p in rejected.value.problems}
    assert ("entries file", 5, "when") in problems
    assert ("entries file", 6, "kind") in problems
    assert ("days file", 4, "overheated") in problems
    assert ("days file", 4, "sleep_quality") in problems
    assert ("days file", 4, "infection") in problems
    assert (
        not Entry.objects.exists()
        and not CheckIn.objects.exists()
        and not OwnTrigger.objects.exists()
    )


def test_model_rules_are_checked_with_the_row_and_column(patient):
    entries = "when,kind,severity,regions,pain_type,sensations\n2026-03-14T08:30,pain,5,neck,musculoskeletal,burning\n"
    with pytest.raises(ImportRejected) as rejected:
        import_journal(patient=patient, entries_csv=entries)
    (problem,) = rejected.value.problems
    assert (problem.row, problem.column) == (2, "sensations")
    assert "another kind of pain" in problem.message


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("kind,severity\nspasm,3\n", "when", "required"),
        ("when,kind,severity,colour\n2026-03-14T08:30,spasm,3,red\n", "colour", "unknown column"),
        ("when,kind,severity,regions\n2126-03-14T08:30,spasm,3,neck\n", "when", "future"),
        (
            "when,kind,severity,regions\n2026-03-14T08:30,spasm,ten,neck\n",
            "severity",
            "not a whole number",
        ),
        ("when,kind,severity\n2026-03-14T08:30,spasm,3\n", "regions", "at least one place"),
    ],
)
def test_problems_name_the_column(patient, text, column, message):
    with pytest.raises(ImportRejected) as rejected:
        import_journal(patient=patient, entries_csv=text)
    assert any(p.column == column and message in p.message for p in rejected.value.problems)


def test_the_same_date_twice_in_the_days_file_is_a_problem(patient):
    with pytest.raises(ImportRejected) as rejected:
        import_journal(patient=patient, days_csv="date,stress\n2026-03-14,3\n2026-03-14,4\n")
    assert "same date as row 2" in rejected.value.problems[0].message


def test_dry_run_counts_but_writes_nothing(patient):
    summary = import_journal(patient=patient, entries_csv=ENTRIES, days_csv=DAYS, dry_run=True)
    assert (summary.entries_added, summary.days_added) == (3, 2)
    assert not Entry.objects.exists() and not CheckIn.objects.exists()


def test_command_imports_and_reports(patient, tmp_path):
    (tmp_path / "e.csv").write_text(ENTRIES, encoding="utf-8-sig")
    (tmp_path / "d.csv").write_text(DAYS)
    out = StringIO()
    call_command(
        "import_journal",
        "--user",
        patient.email,
        "--entries",
        str(tmp_path / "e.csv"),
        "--days",
        str(tmp_path / "d.csv"),
        stdout=out,
    )
    assert "3 entries were added" in out.getvalue()
    assert Entry.objects.count() == 3


def test_command_lists_problems_and_fails(patient, tmp_path):
    (tmp_path / "e.csv").write_text("when,kind,severity\nsoon,spasm,3\n")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_journal",
            "--user",
            patient.email,
            "--entries",
            str(tmp_path / "e.csv"),
            stderr=err,
        )
    assert "entries file, row 2, column when" in err.getvalue()


def test_command_needs_a_file_and_a_known_user(patient):
    with pytest.raises(CommandError, match="--entries"):
        call_command("import_journal", "--user", patient.email)
    with pytest.raises(CommandError, match="No account"):
        call_command("import_journal", "--user", "x@example.com", "--entries", "e.csv")


def upload(name: str, text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_upload_page_checks_first_then_imports(patient_client, patient):
    response = patient_client.post(
        jurl(patient, "import"),
        {"entries": upload("e.csv", ENTRIES), "days": upload("d.csv", DAYS), "dry_run": "on"},
    )
    assert "Nothing has been imported yet" in response.content.decode()
    assert not Entry.objects.exists()
    response = patient_client.post(jurl(patient, "import"), {"entries": upload("e.csv", ENTRIES)})
    assert "3 entries were added" in response.content.decode()
    assert Entry.objects.filter(patient=patient).count() == 3


def test_upload_page_shows_every_problem(patient_client, patient):
    html = patient_client.post(
        jurl(patient, "import"), {"entries": upload("e.csv", "when,kind,severity\nsoon,spasm,3\n")}
    ).content.decode()
    assert "Nothing was imported: 2 problems" in html
    assert "is not a date and time" in html


def test_upload_page_explains_a_missing_or_unreadable_file(patient_client, patient):
    html = patient_client.post(jurl(patient, "import"), {}).content.decode()
    assert "Choose at least one file: entries, days or treatments." in html
    html = patient_client.post(
        jurl(patient, "import"), {"entries": upload("e.csv", "wh€n,kind", "utf-16")}
    ).content.decode()
    assert "not a UTF-8 CSV file" in html


def test_imports_land_only_in_the_importers_journal(stranger_client, stranger, patient):
    assert (
        stranger_client.post(
            jurl(patient, "import"), {"entries": upload("e.csv", ENTRIES)}
        ).status_code
        == 404
    )
    stranger_client.post(jurl(stranger, "import"), {"entries": upload("e.csv", ENTRIES)})
    assert not Entry.objects.filter(patient=patient).exists()
    assert Entry.objects.count() == 3


def test_the_import_guide_is_served_from_the_format_document(patient_client):
    html = patient_client.get(reverse("import_guide")).content.decode()
    assert re.search(r"<h1[^>]*>Import format</h1>", html)
    assert "<td><code>sleep_quality</code></td>" in html


def test_the_in_app_import_guide_leaves_out_the_server_commands(patient_client):
    html = patient_client.get(reverse("import_guide")).content.decode()
    assert "manage.py" not in html and "--dry-run" not in html and "server only" not in html
    assert "Only check the files" in html and "Treatments file" in html


def test_the_import_guide_names_every_file_and_its_links_lead_somewhere(patient_client):
    html = patient_client.get(reverse("import_guide")).content.decode()
    for file in ("entries", "days", "treatments", "doses", "side effects"):
        assert f"<strong>{file}</strong>" in html
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert f'id="{anchor}"' in html, anchor


def test_the_format_document_keeps_the_server_commands(settings):
    text = (settings.BASE_DIR / "docs" / "import-format.md").read_text(encoding="utf-8")
    assert text.count("python manage.py import_journal") == 3
