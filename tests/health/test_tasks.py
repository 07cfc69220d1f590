"""An export handed in is read on the queue, for real: the database backend and
`manage.py db_worker`, then `import_health` from the command line."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from health.models import HealthDay, HealthImport
from health.uploads import keep
from tests.support.health_exports_android import garmin_day, garmin_night, garmin_zip

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = 3600


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def a_garmin_export(path: Path, today: dt.date, days: int = 12) -> Path:
    """`days` mornings up to today: seven hours asleep and 5,000 steps plus 100 a day."""
    mornings = [today - dt.timedelta(days=n) for n in range(days, -1, -1)]
    nights = [
        garmin_night(
            d.isoformat(),
            f"{d - dt.timedelta(days=1)}T22:00:00",
            f"{d}T05:00:00",
            deep=2 * HOUR,
            light=5 * HOUR,
        )
        for d in mornings
    ]
    daily = [garmin_day(d.isoformat(), 5000 + 100 * n) for n, d in enumerate(mornings)]
    return garmin_zip(
        path,
        {
            "DI-Connect-Wellness/2026_12345678_sleepData.json": nights,
            "DI-Connect-Aggregator/UDSFile_2026.json": daily,
        },
    )


def hand_in(patient, export: Path, settings, tmp_path) -> HealthImport:
    """As the page does: the upload kept on disk, the import queued."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from health import tasks

    settings.HEALTH_UPLOAD_DIR = str(tmp_path / "uploads")
    stored = keep(SimpleUploadedFile(export.name, export.read_bytes()))
    job = HealthImport.objects.create(
        patient=patient, file_name=export.name, stored=str(stored), size=stored.stat().st_size
    )
    tasks.import_export.enqueue(job.pk, str(stored))
    return job


def test_the_worker_reads_a_queued_export_fills_the_days_and_deletes_the_file(
    patient, settings, tmp_path
):
    today = patient.today()
    job = hand_in(patient, a_garmin_export(tmp_path / "garmin.zip", today), settings, tmp_path)
    stored = Path(job.stored)

    run_worker()

    job.refresh_from_db()
    assert job.status == "done" and job.percent == 100
    assert job.message.startswith("From Garmin: sleep for")
    assert not stored.exists()
    days = {d.date: d for d in HealthDay.objects.for_patient(patient)}
    yesterday = days[today - dt.timedelta(days=1)]
    assert (float(yesterday.sleep_hours), yesterday.sleep_source) == (7.0, "garmin")
    assert today not in days  # not a whole day yet
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_an_export_that_cannot_be_read_stores_nothing_and_says_why(patient, settings, tmp_path):
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    job = hand_in(patient, broken, settings, tmp_path)

    run_worker()

    job.refresh_from_db()
    assert job.status == "failed"
    assert "This is not a zip file, or it is cut short." in job.message
    assert not HealthDay.objects.exists() and not Path(job.stored or broken.name).exists()


def test_a_file_damaged_halfway_stores_nothing_of_what_came_before(patient, settings, tmp_path):
    """All or nothing: the good sleep file is read first, then a steps file fails."""
    today = patient.today()
    export = garmin_zip(
        tmp_path / "garmin.zip",
        {
            "DI-Connect-Wellness/a_sleepData.json": [
                garmin_night(
                    (today - dt.timedelta(days=n)).isoformat(),
                    f"{today - dt.timedelta(days=n + 1)}T22:00:00",
                    f"{today - dt.timedelta(days=n)}T05:00:00",
                    light=7 * HOUR,
                )
                for n in range(5, 0, -1)
            ],
            "DI-Connect-Aggregator/UDSFile_b.json": "[{not json",
        },
    )
    job = hand_in(patient, export, settings, tmp_path)

    run_worker()

    job.refresh_from_db()
    assert job.status == "failed" and "UDSFile_b.json" in job.message
    assert not HealthDay.objects.exists()


def test_import_health_from_the_command_line_twice_changes_nothing_the_second_time(
    patient, tmp_path, capsys
):
    export = a_garmin_export(tmp_path / "garmin.zip", patient.today())
    call_command("import_health", "--user", patient.email, str(export))
    first = capsys.readouterr().out
    call_command("import_health", "--user", patient.email, str(export))
    again = capsys.readouterr().out

    assert first.startswith("From Garmin: sleep for 11 nights and steps for 11 days")
    assert "All of it was already in: nothing changed." in again
    assert HealthDay.objects.for_patient(patient).count() == 11


def test_import_health_says_what_is_wrong_with_a_file(patient, tmp_path):
    text = tmp_path / "notes.zip"
    text.write_text("shopping list")
    with pytest.raises(CommandError, match="This is not a zip file"):
        call_command("import_health", "--user", patient.email, str(text))
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_health", "--user", patient.email, str(tmp_path / "gone.zip"))
