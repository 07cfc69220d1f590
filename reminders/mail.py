"""The e-mail channel: a short, plain message that says only what is due.

No health data in the subject or the body (it may be read on a shared screen or a lock
screen): the reminder's words, a link to the page, a link to change or stop reminders.
The one exception is asked for by name: the heat heads-up says that hot days go with worse
ones for this person, and the reminders page says so where it is turned on.
"""

from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse


def deliver_mail(person, message: dict, *, connection: BaseEmailBackend | None = None) -> int:
    """E-mail `message` (as built for push) to `person`; 1 when the mail server took it."""
    context = {
        "message": message,
        "link": settings.SITE_URL + message["url"],
        "settings_link": settings_link(),
    }
    mail = EmailMessage(
        subject=message["body"],
        body=render_to_string("reminders/reminder.txt", context),
        to=[person.email],
        connection=connection,
    )
    return mail.send()


@cache
def settings_link() -> str:
    return settings.SITE_URL + reverse("reminders")
