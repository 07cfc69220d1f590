"""The health page: handing in an export, watching it read, deleting what it brought; as
the patient, their caregivers and a stranger."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from health.models import HealthDay, HealthImport
from tests.support.makers import counted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.HEALTH_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


def page_url(person) -> str:
    return reverse("health", args=[person.journal_key])


def a_zip(name="export.zip") -> SimpleUploadedFile:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("apple_health_export/export.xml", "<HealthData/>")
    return SimpleUploadedFile(name, packed.getvalue(), content_type="application/zip")


def test_the_page_says_what_is_kept_and_that_nothing_is_sent(patient_client, patient):
    page = patient_client.get(page_url(patient)).content.decode()
    assert "Only the night’s hours asleep and each day’s steps are kept" in page
    assert "nothing of it is sent anywhere" in page
    assert "Nothing brought in yet." in page


def test_handing_in_an_export_queues_it_and_keeps_the_file_until_it_is_read(
    patient_client, patient, uploads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = patient_client.post(page_url(patient), {"export": a_zip()})

    assert answer.status_code == 302
    job = HealthImport.objects.get()
    assert (job.patient, job.file_name, job.status) == (patient, "export.zip", "queued")
    assert [p.name for p in uploads.iterdir()] == [job.stored.rsplit("/", 1)[-1]]
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "health.tasks.import_export"
    page = patient_client.get(page_url(patient)).content.decode()
    assert "Waiting its turn" in page and 'hx-trigger="every 1s"' in page


def test_no_file_is_answered_by_the_field(patient_client, patient):
    page = patient_client.post(page_url(patient), {}).content.decode()
    assert "Choose the export file first." in page
    assert not HealthImport.objects.exists()


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(
    patient_client, patient, settings, uploads
):
    settings.HEALTH_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("export.zip", b"x" * 5000, content_type="application/zip")

    page = patient_client.post(page_url(patient), {"export": big}).content.decode()

    assert "That file is larger than 100\xa0bytes, the most we take." in page
    assert not HealthImport.objects.exists() and not DBTaskResult.objects.exists()
    assert not uploads.exists() or not any(uploads.iterdir())


def test_the_progress_of_an_import_polls_until_it_is_done(patient_client, patient):
    job = HealthImport.objects.create(patient=patient, file_name="export.zip", size=10)
    job.begin()
    job.advance(40, 100)
    url = reverse("health_progress", args=[patient.journal_key, job.pk])

    running = patient_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Reading: 40%" in running and 'hx-trigger="every 1s"' in running

    counted(patient, dt.date(2026, 3, 2), sleep_hours=7)
    job.finish(source="apple_health", message="From Apple Health: sleep for 1 night.")
    done = patient_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Done. From Apple Health: sleep for 1 night." in done
    assert "every 1s" not in done
    assert "Sleep for 1 night" in done  # what the journal holds now, drawn again


def test_a_refused_export_says_why(patient_client, patient):
    job = HealthImport.objects.create(patient=patient, file_name="photo.zip", size=10)
    job.fail("This zip is not an export we know.")
    page = patient_client.get(page_url(patient)).content.decode()
    assert "Not read: This zip is not an export we know." in page


def test_deleting_what_was_brought_in_asks_first_and_keeps_the_check_ins(patient_client, patient):
    counted(patient, dt.date(2026, 3, 2), sleep_hours=7, steps=100)
    url = reverse("health_delete", args=[patient.journal_key])
    assert "Delete the sleep and steps brought in?" in patient_client.get(url).content.decode()
    assert HealthDay.objects.exists()

    answer = patient_client.post(url, follow=True).content.decode()
    assert "Deleted the sleep and steps of 1 day" in answer
    assert not HealthDay.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "logger", "stranger"])
def test_nobody_but_the_patient_hands_in_sees_or_deletes(client, patient, request, who):
    counted(patient, dt.date(2026, 3, 2), sleep_hours=7)
    job = HealthImport.objects.create(patient=patient, file_name="export.zip", size=10)
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(patient)).status_code == 404
    assert client.post(page_url(patient), {"export": a_zip()}).status_code == 404
    progress = reverse("health_progress", args=[patient.journal_key, job.pk])
    assert client.get(progress).status_code == 404
    assert client.post(reverse("health_delete", args=[patient.journal_key])).status_code == 404
    assert HealthDay.objects.count() == 1 and HealthImport.objects.count() == 1


def test_someone_elses_import_is_not_found_under_ones_own_journal(
    patient_client, patient, stranger
):
    theirs = HealthImport.objects.create(patient=stranger, file_name="export.zip", size=10)
    url = reverse("health_progress", args=[patient.journal_key, theirs.pk])
    assert patient_client.get(url).status_code == 404


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_page_takes_only_get_and_post(patient_client, patient, method):
    assert getattr(patient_client, method)(page_url(patient)).status_code == 405


def test_the_profile_and_the_check_in_say_where_sleep_and_steps_came_from(patient_client, patient):
    counted(patient, dt.date(2026, 3, 2), sleep_hours=7.2, steps=8123)
    profile = patient_client.get(reverse("profile")).content.decode()
    assert "sleep for 1 night and steps for 1 day, up to 2 March 2026" in profile

    day = reverse("check_in_day", args=[patient.journal_key, dt.date(2026, 3, 2)])
    page = patient_client.get(day).content.decode()
    assert "7.2 h, from Apple Health. Type your own to replace it." in page
    assert "8,123 steps, from Apple Health." in page


def test_the_check_in_says_nothing_of_the_health_app_where_the_patient_answered(
    patient_client, patient
):
    from triggers.models import CheckIn

    CheckIn.objects.create(patient=patient, date=dt.date(2026, 3, 2), sleep_hours=8, steps=500)
    counted(patient, dt.date(2026, 3, 2), sleep_hours=7.2, steps=8123)
    day = reverse("check_in_day", args=[patient.journal_key, dt.date(2026, 3, 2)])
    assert "from Apple Health" not in patient_client.get(day).content.decode()
