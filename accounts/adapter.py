"""How django-allauth runs log-in, sign-up and their e-mails in this app."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.utils import build_absolute_uri
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "That e-mail and password do not match an account. Check them and try again."
        ),
        "too_many_login_attempts": (
            "Too many wrong passwords. For your safety, logging in to this account is "
            "paused for up to 15 minutes. Try again later, or reset your password to "
            "log in straight away."
        ),
        "rate_limited": "Too many tries in a short time. Please wait a minute and try again.",
    }

    def save_user(self, request: HttpRequest, user: User, form, commit: bool = True) -> User:
        # The sign-up form asks for the zone so entries land on the right local day.
        user.time_zone = form.cleaned_data["time_zone"]
        return super().save_user(request, user, form, commit=commit)

    def send_account_already_exists_mail(self, email: str) -> None:
        # Someone signed up with an address that has an account: its owner gets a way in,
        # the person at the form sees the same "check your e-mail" page as anyone.
        request = context.request
        self.send_mail(
            "account/email/account_already_exists",
            email,
            {
                "login_url": build_absolute_uri(request, reverse("account_login")),
                "password_reset_url": build_absolute_uri(
                    request, reverse("account_reset_password")
                ),
            },
        )
