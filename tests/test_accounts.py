import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.conftest import ARGON2, PASSWORD, jurl

pytestmark = pytest.mark.django_db


def test_signup_creates_account_logs_in_and_keeps_time_zone(client, settings):
    settings.PASSWORD_HASHERS = [ARGON2]
    response = client.post(
        reverse("signup"),
        {
            "email": "New.Person@Example.com",
            "time_zone": "America/Chicago",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new.person@example.com"
    assert user.time_zone == "America/Chicago"
    assert user.password.startswith("argon2")
    assert client.get(jurl(user, "home")).status_code == 200


def test_signup_with_taken_email_says_so_and_keeps_what_was_typed(client, patient):
    response = client.post(
        reverse("signup"),
        {
            "email": "PAT@example.com",
            "time_zone": "Europe/Paris",
            "password1": PASSWORD,
            "password2": "x",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "already an account with this e-mail" in html
    assert 'value="PAT@example.com"' in html
    assert '<option value="Europe/Paris" selected>' in html
    assert User.objects.count() == 1


def test_signup_rejects_an_unknown_time_zone(client):
    response = client.post(
        reverse("signup"),
        {
            "email": "a@example.com",
            "time_zone": "Mars/Olympus",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Choose a time zone from the list" in response.content.decode()
    assert not User.objects.exists()


def test_login_is_by_email_and_password(client, patient):
    response = client.post(reverse("login"), {"username": "pat@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("start")
    assert client.get(reverse("start")).url == jurl(patient, "home")


def test_wrong_password_shows_a_message_not_an_error_page(client, patient):
    response = client.post(reverse("login"), {"username": "pat@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["home", "history", "quick_spasm", "spasm_create", "pain_create", "profile"]
)
def test_journal_pages_send_anonymous_visitors_to_login(client, name, patient):
    response = client.get(reverse("profile") if name == "profile" else jurl(patient, name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logout_needs_a_post_and_ends_the_session(patient_client, patient):
    assert patient_client.get(reverse("logout")).status_code == 405
    patient_client.post(reverse("logout"))
    assert patient_client.get(jurl(patient, "home")).status_code == 302


def test_profile_saves_time_zone_and_temperature_unit(patient_client, patient):
    response = patient_client.post(
        reverse("profile"),
        {
            "display_name": "Pat B",
            "time_zone": "Australia/Sydney",
            "temperature_unit": "F",
            "heat_threshold": "80.6",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert (patient.display_name, patient.time_zone, patient.temperature_unit) == (
        "Pat B",
        "Australia/Sydney",
        "F",
    )
    assert patient.heat_threshold_c == 27  # 80.6 °F
    assert 'value="80.6"' in patient_client.get(reverse("profile")).content.decode()


def test_implausible_heat_threshold_is_explained(patient_client, patient):
    response = patient_client.post(
        reverse("profile"),
        {"time_zone": "Europe/London", "temperature_unit": "C", "heat_threshold": "80"},
    )
    assert "between 10 °C" in response.content.decode()
    patient.refresh_from_db()
    assert patient.heat_threshold_c == 25


def test_profile_with_bad_values_keeps_them_and_changes_nothing(patient_client, patient):
    response = patient_client.post(
        reverse("profile"),
        {"display_name": "Pat B", "time_zone": "Nowhere/Land", "temperature_unit": "K"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Pat B"' in html
    assert 'id="id_time_zone_error"' in html
    assert 'id="id_temperature_unit_error"' in html
    patient.refresh_from_db()
    assert patient.time_zone == "Europe/London"


def test_password_reset_sends_a_working_link(client, patient):
    client.post(reverse("password_reset"), {"email": "pat@example.com"})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/accounts/reset/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert "Choose a new password" in response.content.decode()
    assert response.context["form"] is not None


def test_password_change_needs_the_old_password(patient_client, patient):
    response = patient_client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "another-long-pass",
            "new_password2": "another-long-pass",
        },
    )
    assert response.status_code == 200
    patient.refresh_from_db()
    assert patient.check_password(PASSWORD)
