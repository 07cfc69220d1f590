import datetime as dt
import re
import socket

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from sharing.models import (
    AccessLogEntry,
    CareAccess,
    Invitation,
    InvitationGone,
    InvitationRefused,
)
from symptoms.models import Entry
from tests.support.makers import PASSWORD, jurl, make_entry

pytestmark = pytest.mark.django_db


def invite(client, patient, **data) -> str:
    """Create an invitation as the patient; return the link's path."""
    client.force_login(patient)
    client.post(jurl(patient, "sharing"), {"permission": "view", **data})
    html = client.get(jurl(patient, "sharing")).content.decode()
    return re.search(r'value="http://[^/]+(/invitations/[^"]+)"', html).group(1)


def test_an_e_mailed_invitation_carries_a_working_link(client, patient):
    client.force_login(patient)
    client.post(jurl(patient, "sharing"), {"email": "anna@example.com", "permission": "log"})
    (message,) = mail.outbox
    assert message.to == ["anna@example.com"] and "Pat" in message.subject
    path = re.search(r"http://[^/]+(/invitations/\S+)", message.body).group(1)
    client.logout()
    html = client.get(path).content.decode()
    assert "Pat invites you" in html and "view and log" in html


def test_the_link_shows_whose_journal_and_asks_to_log_in_or_sign_up(client, patient):
    path = invite(client, patient)
    client.logout()
    html = client.get(path).content.decode()
    assert "Pat invites you" in html
    assert f"/accounts/login/?next={path}" in html
    assert f"/accounts/signup/?next={path}" in html


def test_a_new_caregiver_signs_up_from_the_link_confirms_and_lands_back_to_accept(
    client, patient, django_user_model
):
    path = invite(client, patient)
    client.logout()
    client.post(
        reverse("account_signup"),
        {
            "email": "anna@example.com",
            "time_zone": "Europe/Paris",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": path,
        },
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    response = client.post(link.group(1))
    assert response.url == path
    response = client.post(path)
    anna = django_user_model.objects.get(email="anna@example.com")
    assert response.url == jurl(patient, "week")
    access = CareAccess.objects.get(caregiver=anna)
    assert (access.patient, access.permission) == (patient, "view")
    assert client.get(jurl(patient, "week")).status_code == 200


def test_a_link_works_once(client, patient, stranger):
    path = invite(client, patient)
    client.force_login(stranger)
    client.post(path)
    assert client.get(path).status_code == 404
    assert CareAccess.objects.filter(caregiver=stranger).count() == 1


def test_an_expired_link_does_not_work(client, patient, stranger):
    path = invite(client, patient)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(stranger)
    response = client.post(path)
    assert response.status_code == 404 and "does not work" in response.content.decode()
    assert not CareAccess.objects.exists()


def test_a_withdrawn_link_does_not_work(client, patient, stranger):
    path = invite(client, patient)
    invitation = Invitation.objects.get()
    client.post(jurl(patient, "invitation_withdraw", invitation.pk))
    client.force_login(stranger)
    assert client.post(path).status_code == 404
    assert not CareAccess.objects.exists()


def test_an_invitation_for_someone_else_is_refused_to_the_wrong_account(client, patient, stranger):
    path = invite(client, patient, email="anna@example.com")
    client.force_login(stranger)
    html = client.post(path).content.decode()
    assert "sent to anna@example.com" in html
    assert not CareAccess.objects.exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_patient_cannot_invite_or_accept_themselves(client, patient):
    client.force_login(patient)
    html = client.post(
        jurl(patient, "sharing"), {"email": "PAT@example.com", "permission": "view"}
    ).content.decode()
    assert "your own address" in html
    path = invite(client, patient)
    html = client.post(path).content.decode()
    assert "your own journal" in html
    assert not CareAccess.objects.exists()


def test_a_made_up_link_is_not_found(client):
    assert client.get(reverse("invitation", args=["nonsense"])).status_code == 404


def test_the_patient_sees_who_has_access_and_when_they_last_looked(client, patient, viewer):
    client.force_login(viewer)
    client.get(jurl(patient, "history"))
    client.force_login(patient)
    html = client.get(jurl(patient, "sharing")).content.decode()
    assert "Vic" in html and "last looked" in html
    assert "history" in html  # the access log


def test_every_look_by_a_caregiver_is_logged_in_words(client, patient, logger):
    entry = make_entry(patient)
    client.force_login(logger)
    client.get(jurl(patient, "history"))
    client.get(jurl(patient, "entry_detail", entry.pk))
    client.post(jurl(patient, "quick_spasm"), {"region": "left_leg", "severity": "4"})
    client.force_login(patient)
    client.get(jurl(patient, "history"))
    assert AccessLogEntry.objects.count() == 3  # the patient's own looks are not logged
    html = client.get(jurl(patient, "sharing")).content.decode()
    log = html[html.index("Who looked") :]
    assert "looked through the history" in log
    assert "opened an entry" in log and "logged a spasm" in log
    assert "quick spasm" not in log and "entry detail" not in log


def test_revoking_shuts_the_caregiver_out_at_once(client, patient, viewer):
    client.force_login(viewer)
    assert client.get(jurl(patient, "week")).status_code == 200
    access = CareAccess.objects.get(caregiver=viewer)
    client.force_login(patient)
    client.post(jurl(patient, "access_revoke", access.pk))
    client.force_login(viewer)
    assert client.get(jurl(patient, "week")).status_code == 404
    assert client.get(jurl(patient, "history")).status_code == 404


def test_the_patient_can_let_a_viewer_log_and_back(client, patient, viewer):
    access = CareAccess.objects.get(caregiver=viewer)
    client.force_login(patient)
    client.post(jurl(patient, "access_permission", access.pk), {"permission": "log"})
    access.refresh_from_db()
    assert access.permission == "log"
    client.force_login(viewer)
    assert client.get(jurl(patient, "quick_spasm")).status_code == 200


def test_a_caregiver_logs_a_spasm_that_says_who_logged_it(client, patient, logger):
    client.force_login(logger)
    client.post(
        jurl(patient, "quick_spasm"),
        {"region": "neck", "severity": "4", "client_token": str(Entry.new_token())},
    )
    entry = Entry.objects.get()
    assert (entry.patient, entry.logged_by) == (patient, logger)
    client.force_login(patient)
    assert "logged by Anna" in client.get(jurl(patient, "history")).content.decode()


def test_a_caregiver_sees_whose_journal_is_on_screen_and_can_switch(client, patient, logger):
    client.force_login(logger)
    html = client.get(jurl(patient, "week")).content.decode()
    assert "Pat’s journal" in html and "you can view and log" in html
    assert jurl(logger, "week") in html  # the switcher back to their own


def test_a_viewer_sees_no_logging_buttons(client, patient, viewer):
    entry = make_entry(patient)
    client.force_login(viewer)
    html = client.get(jurl(patient, "entry_detail", entry.pk)).content.decode()
    assert jurl(patient, "entry_edit", entry.pk) not in html
    assert jurl(patient, "quick_spasm") not in client.get(jurl(patient, "home")).content.decode()


def test_a_second_person_accepting_a_used_link_sees_it_is_used(client, patient, viewer, stranger):
    path = invite(client, patient)
    client.force_login(stranger)
    client.post(path)
    client.force_login(viewer)
    response = client.post(path)
    assert response.status_code == 404
    assert "been used already" in response.content.decode()
    assert CareAccess.objects.get(invitation__isnull=False).caregiver == stranger


def test_an_invitation_is_accepted_once_even_when_asked_twice(patient, stranger, viewer):
    invitation, _ = Invitation.issue(patient=patient, permission="log")
    access = invitation.accept(caregiver=stranger)
    with pytest.raises(InvitationGone):
        Invitation.objects.get().accept(caregiver=viewer)
    assert access.invitation == invitation and access.permission == "log"
    assert CareAccess.objects.filter(permission="log").count() == 1


def test_the_database_refuses_a_second_access_from_one_invitation(patient, stranger, viewer):
    invitation, _ = Invitation.issue(patient=patient, permission="view")
    invitation.accept(caregiver=stranger)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareAccess.objects.create(
            patient=patient, caregiver=viewer, permission="view", invitation=invitation
        )


def test_an_accepted_invitation_cannot_be_withdrawn(patient, stranger):
    invitation, _ = Invitation.issue(patient=patient, permission="view")
    invitation.accept(caregiver=stranger)
    assert invitation.withdraw() is False
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.update(withdrawn_at=timezone.now())


def test_revoking_withdraws_the_links_sent_to_that_caregiver(client, patient, viewer):
    to_them = invite(client, patient, email="VIEWER@example.com")
    to_someone_else = invite(client, patient, email="anna@example.com")
    access = CareAccess.objects.get(caregiver=viewer)
    client.post(jurl(patient, "access_revoke", access.pk))
    html = client.get(jurl(patient, "sharing")).content.decode()
    assert "anna@example.com" in html and "viewer@example.com" not in html.lower()
    client.force_login(viewer)
    assert client.post(to_them).status_code == 404
    assert client.get(jurl(patient, "week")).status_code == 404
    assert client.get(to_someone_else).status_code == 200  # still pending, for Anna


def test_a_revoked_caregiver_cannot_come_back_through_a_copied_link(client, patient, viewer):
    path = invite(client, patient)  # a link with no address, handed over before the revocation
    access = CareAccess.objects.get(caregiver=viewer)
    client.post(jurl(patient, "access_revoke", access.pk))
    client.force_login(viewer)
    html = client.post(path).content.decode()
    assert "took back your access" in html
    assert client.get(jurl(patient, "week")).status_code == 404
    assert not CareAccess.objects.active().filter(caregiver=viewer).exists()
    assert Invitation.objects.usable().count() == 1  # still there for whoever it was meant for


def test_an_invitation_made_after_the_revocation_lets_them_back(client, patient, viewer):
    access = CareAccess.objects.get(caregiver=viewer)
    client.force_login(patient)
    client.post(jurl(patient, "access_revoke", access.pk))
    path = invite(client, patient, email="viewer@example.com")
    client.force_login(viewer)
    assert client.post(path).url == jurl(patient, "week")
    assert client.get(jurl(patient, "week")).status_code == 200


def test_a_caregiver_accepting_a_second_link_keeps_one_access_with_its_permission(
    client, patient, viewer
):
    path = invite(client, patient, permission="log")
    client.force_login(viewer)
    client.post(path)
    (access,) = CareAccess.objects.active().filter(caregiver=viewer)
    assert access.permission == "log"


def test_a_refused_accept_leaves_the_link_unused(patient, viewer):
    invitation, _ = Invitation.issue(patient=patient, permission="log")
    CareAccess.objects.get(caregiver=viewer).revoke()
    with pytest.raises(InvitationRefused, match="took back your access"):
        invitation.accept(caregiver=viewer)
    assert Invitation.objects.usable().get() == invitation
    assert not CareAccess.objects.active().exists()


def test_a_caregiver_with_no_journal_of_their_own_lands_on_the_one_they_care_for(
    client, patient, viewer
):
    client.force_login(viewer)
    assert client.get(reverse("start")).url == jurl(patient, "home")


def test_a_caregiver_who_keeps_a_journal_lands_on_their_own(client, patient, viewer):
    make_entry(viewer)
    client.force_login(viewer)
    assert client.get(reverse("start")).url == jurl(viewer, "home")


def test_a_caregiver_who_only_checks_in_keeps_a_journal_too(client, patient, viewer):
    from triggers.models import CheckIn

    CheckIn.objects.create(patient=viewer, date=timezone.localdate())
    assert viewer.keeps_a_journal()
    client.force_login(viewer)
    assert client.get(reverse("start")).url == jurl(viewer, "home")


def test_a_caregiver_of_several_chooses_among_only_the_journals_they_may_open(
    client, django_user_model, patient, viewer, revoked, stranger
):
    sam = django_user_model.objects.create_user("sam@example.com", PASSWORD, display_name="Sam")
    CareAccess.objects.create(patient=sam, caregiver=viewer, permission="log")
    CareAccess.objects.create(
        patient=stranger, caregiver=viewer, permission="view", revoked_at=timezone.now()
    )
    client.force_login(viewer)
    response = client.get(reverse("start"))
    html = response.content.decode()
    assert response.status_code == 200 and "Which journal?" in html
    assert f'href="{jurl(patient, "home")}"' in html and "Pat’s journal" in html
    assert f'href="{jurl(sam, "home")}"' in html and "Sam’s journal" in html
    assert f'href="{jurl(viewer, "home")}"' in html and "Your own journal" in html
    assert stranger.journal_key not in html
    assert client.post(reverse("start")).status_code == 405


def test_a_caregiver_whose_access_was_revoked_lands_on_their_own_journal(client, revoked):
    client.force_login(revoked)
    assert client.get(reverse("start")).url == jurl(revoked, "home")


def test_logging_in_takes_a_caregiver_to_the_journal_they_care_for(client, patient, viewer):
    response = client.post(
        reverse("account_login"), {"login": viewer.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == jurl(patient, "home")
    assert "Pat’s journal" in response.content.decode()


def signup_page(client, next_path: str) -> str:
    return client.get(reverse("account_signup"), {"next": next_path}).content.decode()


def test_signing_up_from_an_invitation_says_whose_journal_with_the_address_filled_in(
    client, patient
):
    path = invite(client, patient, email="anna@example.com")
    client.logout()
    html = client.get(path).content.decode()
    signup_link = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', html).group(1)
    html = client.get(signup_link).content.decode()
    assert '<h1 class="wrap-anywhere">Join Pat’s journal</h1>' in html
    assert "Pat invites you" in html and "Create your journal" not in html
    assert 'value="anna@example.com"' in html


def test_an_invitation_without_an_address_leaves_the_address_empty(client, patient):
    path = invite(client, patient)
    client.logout()
    html = signup_page(client, path)
    assert "Join Pat’s journal" in html
    assert re.search(r'<input type="email" name="email"(?![^>]*value=)', html)


@pytest.mark.parametrize(
    "next_path",
    [
        "/invitations/made-up-token/",
        "https://elsewhere.example/invitations/TOKEN/",
        "/j/somebody/week/",
        "/no/such/page/",
    ],
)
def test_signing_up_from_a_bad_link_reveals_nothing(client, patient, next_path):
    path = invite(client, patient, email="anna@example.com")
    client.logout()
    token = path.split("/")[2]
    html = signup_page(client, next_path.replace("TOKEN", token))
    assert "Create your journal" in html
    assert "Pat" not in html and "anna@example.com" not in html


def test_signing_up_from_a_withdrawn_invitation_reveals_nothing(client, patient):
    path = invite(client, patient, email="anna@example.com")
    Invitation.objects.get().withdraw()
    client.logout()
    html = signup_page(client, path)
    assert "Create your journal" in html and "anna@example.com" not in html


def test_a_sign_up_from_an_invitation_with_a_mistake_keeps_what_was_typed(client, patient):
    path = invite(client, patient, email="anna@example.com")
    client.logout()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "anna.b@example.com",
            "time_zone": "Europe/Paris",
            "password1": PASSWORD,
            "password2": "something else entirely",
            "next": path,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Join Pat’s journal" in html
    assert 'value="anna.b@example.com"' in html


def test_the_journal_chooser_shows_no_journal_menu_and_no_journal_bar(
    client, django_user_model, patient, viewer
):
    sam = django_user_model.objects.create_user("sam@example.com", PASSWORD, display_name="Sam")
    CareAccess.objects.create(patient=sam, caregiver=viewer, permission="log")
    client.force_login(viewer)
    html = client.get(reverse("start")).content.decode()
    assert "Which journal?" in html
    assert 'aria-label="Main"' not in html and "journal-bar" not in html
    # Nor does the offline page take the chooser for a journal opened.
    assert "data-journal-log" not in html
    # The account links stay.
    assert "Log out" in html and "Profile" in html


def test_the_access_log_reads_one_line_a_look(client, patient, logger):
    client.force_login(logger)
    client.get(jurl(patient, "week"))
    look = AccessLogEntry.objects.get()
    client.force_login(patient)
    html = client.get(jurl(patient, "sharing")).content.decode()
    when = look.at.astimezone(patient.zone).strftime("%-d %b, %H:%M")
    line = re.search(r'<ul class="access-log[^>]*>\s*<li>(.*?)</li>', html, re.DOTALL).group(1)
    assert re.sub(r"<[^>]+>", "", line) == f"Anna looked at the weekly review, {when}"
    assert "<table" not in html[html.index("Who looked") :]


def test_a_name_stored_with_a_line_break_still_sends_its_invitation(client, patient):
    # Stored before names were held to one line: the page and the e-mail must still work.
    User.objects.filter(pk=patient.pk).update(display_name="Pat\r\nBrown\u202e")
    client.force_login(patient)
    data = {"email": "anna@example.com", "permission": "view"}
    response = client.post(jurl(patient, "sharing"), data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Pat Brown shares their MS Journal with you"
    assert Invitation.objects.get().email == "anna@example.com"


def test_a_mail_server_that_is_down_leaves_the_invitation_and_its_link_to_pass_on(
    client, patient, settings
):
    # A real SMTP connection to a port nothing listens on: refused at once.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    client.force_login(patient)
    data = {"email": "anna@example.com", "permission": "view"}
    response = client.post(jurl(patient, "sharing"), data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "could not be sent just now" in html and "anna@example.com" in html
    link = re.search(r'value="http://[^/]+(/invitations/[^"]+)"', html).group(1)
    client.logout()
    assert "Pat invites you" in client.get(link).content.decode()
    assert Invitation.objects.get().email == "anna@example.com"
