"""E-mail addresses are held to the 254 characters every address column keeps: a longer one
gets a message by its field, on every form where one enters, and is never cut."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from lib.forms import EMAIL_MAX_LENGTH
from sharing.models import Invitation
from tests.support.makers import PASSWORD, address_of, jurl

pytestmark = pytest.mark.django_db

TOO_LONG = (
    f"An e-mail address has at most {EMAIL_MAX_LENGTH} characters; this one has 300. "
    "Check the address."
)


LONG = address_of(300)
SIGNUP = {"time_zone": "UTC", "password1": PASSWORD, "password2": PASSWORD}


def assert_refused_by_the_field(response, value: str) -> None:
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [TOO_LONG]
    html = response.content.decode()
    assert escape(TOO_LONG) in html.split('id="id_email_error"', 1)[1].split("</ul>", 1)[0]
    assert f'value="{value}"' in html  # the whole address, to correct
    assert 'maxlength="' not in html.split('name="email"', 1)[1].split(">", 1)[0]


def test_sign_up_refuses_a_300_character_address(client):
    response = client.post(reverse("account_signup"), {"email": LONG, **SIGNUP})
    assert_refused_by_the_field(response, LONG)
    assert not User.objects.exists()


def test_sign_up_keeps_a_254_character_address_whole(client):
    longest = address_of(EMAIL_MAX_LENGTH)
    client.post(reverse("account_signup"), {"email": longest, **SIGNUP})
    assert User.objects.get().email == longest
    assert EmailAddress.objects.get().email == longest


def test_the_e_mail_addresses_page_refuses_a_300_character_address(patient_client, patient):
    response = patient_client.post(reverse("account_email"), {"email": LONG, "action_add": ""})
    assert_refused_by_the_field(response, LONG)
    assert list(patient.emailaddress_set.values_list("email", flat=True)) == [patient.email]


def test_an_invitation_refuses_a_300_character_address(patient_client, patient):
    response = patient_client.post(jurl(patient, "sharing"), {"email": LONG, "permission": "view"})
    assert_refused_by_the_field(response, LONG)
    assert not Invitation.objects.exists()


def test_a_password_reset_refuses_a_300_character_address(client, patient):
    response = client.post(reverse("account_reset_password"), {"email": LONG})
    assert_refused_by_the_field(response, LONG)
