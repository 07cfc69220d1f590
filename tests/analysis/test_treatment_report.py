"""Did it help? The command, the before/after page and who may see it, on a journal kept
in the database."""

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.support.makers import jurl, make_entry
from treatments.models import SideEffect, Treatment, TreatmentPeriod
from triggers.models import CheckIn

pytestmark = pytest.mark.django_db
DAYS = 80
STARTED_AGO = 40


@pytest.fixture
def tizanidine(patient) -> Treatment:
    """80 days of journal; tizanidine started 40 days ago, after which spasms fell from
    about four a day to about one."""
    today = patient.today()
    for days_ago in range(1, DAYS + 1):
        day = today - dt.timedelta(days=days_ago)
        CheckIn.objects.create(
            patient=patient, date=day, overheated=days_ago % 4 == 0, sleep_quality=3
        )
        spasms = (3 + days_ago % 3) if days_ago > STARTED_AGO else days_ago % 3 // 2
        for hour in range(spasms):
            make_entry(
                patient,
                occurred_at=dt.datetime.combine(day, dt.time(8 + hour), tzinfo=patient.zone),
                severity=6 if days_ago > STARTED_AGO else 3,
            )
    treatment = Treatment.objects.create(patient=patient, name="Tizanidine")
    TreatmentPeriod.objects.create(
        treatment=treatment,
        dose=Decimal(2),
        unit="mg",
        times_a_day=3,
        started=today - dt.timedelta(days=STARTED_AGO),
    )
    SideEffect.objects.create(
        treatment=treatment,
        date=today - dt.timedelta(days=STARTED_AGO - 2),
        what="sleepiness",
        severity="mild",
    )
    return treatment


def run_report(*args) -> dict:
    out = StringIO()
    call_command("treatment_report", *args, stdout=out)
    return json.loads(out.getvalue())


def test_report_json_has_the_documented_shape(patient, tizanidine):
    report = run_report("--user", patient.email, "--json")
    (change,) = report["changes"]
    started = patient.today() - dt.timedelta(days=STARTED_AGO)
    assert (change["treatment"], change["change"], change["date"]) == (
        "Tizanidine",
        "start",
        started.isoformat(),
    )
    assert [r["outcome"] for r in change["results"]] == [
        "spasm_count",
        "spasm_severity_max",
        "pain_max",
    ]
    spasms = change["results"][0]
    for key, kind in [
        ("effect", float),
        ("ci_low", float),
        ("ci_high", float),
        ("n_before", int),
        ("n_after", int),
        ("enough_data", bool),
        ("stands_out", bool),
    ]:
        assert isinstance(spasms[key], kind), key
    assert spasms["n_before"] == 28 and spasms["n_after"] == 28
    assert spasms["effect"] < 0 and spasms["ci_high"] < 0 and spasms["stands_out"]
    assert spasms["rate_ratio"] < 1


def test_report_in_words_for_a_journal_without_treatments(patient):
    out = StringIO()
    call_command("treatment_report", "--user", patient.email, stdout=out)
    assert "No treatments recorded." in out.getvalue()


def test_the_before_after_page_says_it_in_words_with_a_chart_and_tables(
    patient_client, patient, tizanidine
):
    response = patient_client.get(jurl(patient, "treatment_effect", tizanidine.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Since starting Tizanidine on " in html
    assert "fewer spasms a day (95% range " in html
    assert "based on 28 days before and 28 after" in html
    assert "An association, not proof." in html
    assert "<svg" in html and "with the days the treatment was taken shaded" in html
    assert "plotly" not in html  # drawn on the server: no chart library to download
    assert "<caption>Doses of Tizanidine</caption>" in html


def test_a_caregiver_who_may_view_sees_the_page(client, viewer, patient, tizanidine):
    client.force_login(viewer)
    assert client.get(jurl(patient, "treatment_effect", tizanidine.pk)).status_code == 200


def test_someone_elses_treatment_is_not_found(stranger_client, stranger, patient, tizanidine):
    assert stranger_client.get(jurl(patient, "treatment_effect", tizanidine.pk)).status_code == 404
    # nor through the stranger's own journal
    assert stranger_client.get(jurl(stranger, "treatment_effect", tizanidine.pk)).status_code == 404


def test_the_page_only_reads(patient_client, patient, tizanidine):
    response = patient_client.post(jurl(patient, "treatment_effect", tizanidine.pk))
    assert response.status_code == 405


def test_a_treatment_with_no_days_around_it_says_not_enough_data(patient_client, patient):
    treatment = Treatment.objects.create(patient=patient, name="Baclofen")
    TreatmentPeriod.objects.create(treatment=treatment, started=timezone.localdate())
    html = patient_client.get(jurl(patient, "treatment_effect", treatment.pk)).content.decode()
    assert "not enough data yet" in html


def test_the_visit_summary_tells_the_neurologist_about_the_treatment(
    patient_client, patient, tizanidine
):
    started = patient.today() - dt.timedelta(days=STARTED_AGO)
    html = patient_client.get(jurl(patient, "summary_print")).content.decode()
    assert "Treatments (before/after: association, not cause)" in html
    assert f"Taking now: Tizanidine 2 mg 3 times a day, since {started:%-d %b %Y}." in html
    assert f"{started:%-d %b %Y}: Tizanidine started." in html
    assert "Spasms fell by about " in html
    assert f"a day after Tizanidine was started on {started:%-d %b %Y} (95% range " in html
    assert "28 days before and 28 after, adjusted for heat" in html
    assert "stands out. Association, not cause." in html
    side = started + dt.timedelta(days=2)
    assert f"Side effects: sleepiness (mild) on {side:%-d %b}, Tizanidine." in html


def test_the_summary_pdf_with_treatments_still_fits_on_two_pages(
    patient_client, patient, tizanidine
):
    import io

    from pypdf import PdfReader

    response = patient_client.get(jurl(patient, "summary_pdf"))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Spasms fell by about" in text


def test_the_treatments_list_links_to_each_before_after_page(patient_client, patient, tizanidine):
    html = patient_client.get(jurl(patient, "treatment_list")).content.decode()
    assert jurl(patient, "treatment_effect", tizanidine.pk) in html
