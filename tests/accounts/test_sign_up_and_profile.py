import io
import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from accounts.forms import PASSWORD_RULES
from accounts.models import User
from demo.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.makers import ARGON2, PASSWORD, jurl

pytestmark = pytest.mark.django_db


SIGNUP = {"time_zone": "America/Chicago", "password1": PASSWORD, "password2": PASSWORD}


def link_in_last_mail(fragment: str) -> str:
    """The path of the link in the newest e-mail whose URL contains fragment."""
    body = mail.outbox[-1].body
    return next(word for word in body.split() if fragment in word).split("testserver", 1)[1]


def test_signup_asks_to_confirm_the_address_then_the_link_logs_in(client, settings):
    settings.PASSWORD_HASHERS = [ARGON2]
    response = client.post(reverse("account_signup"), {"email": "New.Person@Example.com", **SIGNUP})
    assert response.url == reverse("account_email_verification_sent")
    assert "Check your e-mail" in client.get(response.url).content.decode()
    user = User.objects.get()
    assert (user.email, user.time_zone) == ("new.person@example.com", "America/Chicago")
    assert user.password.startswith("argon2")
    assert mail.outbox[-1].to == ["new.person@example.com"]
    assert client.get(reverse("start")).status_code == 302  # not in before confirming

    link = link_in_last_mail("/accounts/confirm-email/")
    assert (
        "Is <strong>new.person@example.com</strong> your address?"
        in client.get(link).content.decode()
    )
    response = client.post(link, follow=True)
    assert "Your journal is ready" in response.content.decode()
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(jurl(user, "home")).status_code == 200


def test_signup_with_a_registered_address_looks_the_same_and_mails_its_owner(client, patient):
    new = client.post(reverse("account_signup"), {"email": "new@example.com", **SIGNUP})
    taken = client.post(reverse("account_signup"), {"email": "PAT@example.com", **SIGNUP})
    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="pat@example.com").count() == 1
    to_owner = mail.outbox[-1]
    assert to_owner.to == ["pat@example.com"]
    assert "already have one" in to_owner.body
    assert "http://testserver/accounts/login/" in to_owner.body
    assert "/accounts/password/reset/" in to_owner.body


def test_signup_with_mismatched_passwords_keeps_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "sam@example.com",
            "time_zone": "Europe/Paris",
            "password1": PASSWORD,
            "password2": "x",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_password2_error"' in html
    assert 'value="sam@example.com"' in html
    assert '<option value="Europe/Paris" selected>' in html
    assert not User.objects.exists()


def test_signup_rejects_an_unknown_time_zone(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "a@example.com", **SIGNUP, "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert "Choose a time zone from the list" in response.content.decode()
    assert not User.objects.exists()


def test_login_is_by_email_and_password(client, patient):
    response = client.post(
        reverse("account_login"), {"login": "pat@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("start")
    assert client.get(reverse("start")).url == jurl(patient, "home")


def test_wrong_password_shows_a_message_not_an_error_page(client, patient):
    response = client.post(
        reverse("account_login"), {"login": "pat@example.com", "password": "nope"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "do not match an account" in html
    assert 'value="pat@example.com"' in html


def test_a_streak_of_wrong_passwords_pauses_logging_in_until_the_pause_ends(client, patient):
    for _ in range(30):
        client.post(reverse("account_login"), {"login": "pat@example.com", "password": "nope"})
    response = client.post(
        reverse("account_login"), {"login": "pat@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many wrong passwords" in response.content.decode()
    assert client.get(reverse("start")).status_code == 302

    cache.clear()  # the pause is over: the failures it counted have expired
    response = client.post(
        reverse("account_login"), {"login": "pat@example.com", "password": PASSWORD}
    )
    assert response.url == reverse("start")


def test_the_demo_account_logs_in_without_confirming(client):
    call_command("seed_demo", "--days", "3", stdout=io.StringIO())
    response = client.post(
        reverse("account_login"), {"login": DEMO_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.url == reverse("start")


@pytest.mark.parametrize(
    "name", ["home", "history", "quick_spasm", "spasm_create", "pain_create", "profile"]
)
def test_journal_pages_send_anonymous_visitors_to_login(client, name, patient):
    response = client.get(reverse("profile") if name == "profile" else jurl(patient, name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_logout_asks_first_and_a_post_ends_the_session(patient_client, patient):
    assert "Log out of MS Journal" in patient_client.get(reverse("account_logout")).content.decode()
    assert patient_client.get(jurl(patient, "home")).status_code == 200
    patient_client.post(reverse("account_logout"))
    assert patient_client.get(jurl(patient, "home")).status_code == 302


def test_logging_out_says_so_on_the_log_in_page(patient_client):
    response = patient_client.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login")
    html = response.content.decode()
    assert '<p class="message success">You have logged out.</p>' in html


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
    response = client.post(reverse("account_reset_password"), {"email": "PAT@example.com"})
    assert response.url == reverse("account_reset_password_done")
    assert mail.outbox[-1].to == ["pat@example.com"]
    response = client.get(link_in_last_mail("/accounts/password/reset/key/"), follow=True)
    assert "Choose a new password" in response.content.decode()
    client.post(
        response.redirect_chain[-1][0],
        {"password1": "another-long-pass", "password2": "another-long-pass"},
    )
    patient.refresh_from_db()
    assert patient.check_password("another-long-pass")


def test_password_reset_for_an_unknown_address_looks_the_same(client, patient):
    known = client.post(reverse("account_reset_password"), {"email": "pat@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "who@example.com"})
    assert known.url == unknown.url
    assert "/accounts/password/reset/key/" not in mail.outbox[-1].body


def test_password_change_needs_the_old_password(patient_client, patient):
    response = patient_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong",
            "password1": "another-long-pass",
            "password2": "another-long-pass",
        },
    )
    assert response.status_code == 200
    assert 'id="id_oldpassword_error"' in response.content.decode()
    patient.refresh_from_db()
    assert patient.check_password(PASSWORD)


def current_code(secret: str) -> str:
    """What an authenticator app shows for this secret right now."""
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


def test_two_step_log_in_is_set_up_from_the_profile_and_then_asked_for(client, patient):
    client.post(reverse("account_login"), {"login": "pat@example.com", "password": PASSWORD})
    assert reverse("mfa_index") in client.get(reverse("profile")).content.decode()
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "Enter your password" in response.content.decode()  # asked again, to be sure
    page = client.post(
        response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True
    ).content.decode()
    secret = re.search(r'id="authenticator_secret" value="(\w+)"', page).group(1)
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert Authenticator.objects.filter(user=patient, type="totp").exists()
    recovery = Authenticator.objects.get(user=patient, type="recovery_codes")
    client.post(reverse("account_logout"))

    response = client.post(
        reverse("account_login"), {"login": "pat@example.com", "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("start")).status_code == 302  # the password alone is not enough
    response = client.post(
        reverse("mfa_authenticate"), {"code": recovery.wrap().get_unused_codes()[0]}
    )
    assert response.url == reverse("start")
    assert client.get(jurl(patient, "home")).status_code == 200


def test_the_time_zone_list_reads_as_places_grouped_by_region(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert '<optgroup label="Europe">' in html and '<optgroup label="America">' in html
    assert ">Europe — London</option>" in html and ">America — New York</option>" in html
    assert ">America — Argentina, Buenos Aires</option>" in html
    for alias in ["W-SU", "Zulu", "Etc/GMT+5", "US/Eastern", "GB", "Factory"]:
        assert f'value="{alias}"' not in html
    assert 'data-detect-time-zone=""' in html  # the phone's zone is still suggested


def test_signup_refuses_an_old_alias_it_does_not_offer(client):
    response = client.post(
        reverse("account_signup"), {"email": "a@example.com", **SIGNUP, "time_zone": "W-SU"}
    )
    assert "Choose a time zone from the list" in response.content.decode()
    assert not User.objects.exists()


def test_a_profile_with_an_old_alias_zone_still_shows_and_saves_it(patient_client, patient):
    patient.time_zone = "US/Eastern"
    patient.save()
    html = patient_client.get(reverse("profile")).content.decode()
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in html
    response = patient_client.post(
        reverse("profile"),
        {"time_zone": "US/Eastern", "temperature_unit": "C", "heat_threshold": "25"},
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.time_zone == "US/Eastern"


def test_password_change_shows_the_password_rules_in_one_line(patient_client):
    html = patient_client.get(reverse("account_change_password")).content.decode()
    assert PASSWORD_RULES in html
    assert "<ul>" not in html.split("<main", 1)[1].split("</form>", 1)[0]
    assert "Current password" in html and "New password confirmation" in html


def test_password_reset_shows_the_password_rules_in_one_line(client, patient):
    client.post(reverse("account_reset_password"), {"email": patient.email})
    response = client.get(link_in_last_mail("/accounts/password/reset/key/"), follow=True)
    html = response.content.decode()
    assert "Choose a new password" in html and PASSWORD_RULES in html
    assert "<ul>" not in html.split("<main", 1)[1].split("</form>", 1)[0]
