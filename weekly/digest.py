"""The weekly digest e-mail: last week's review, short, for patients and caregivers."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from lib.batch import Run, for_each_person
from lib.rules import WEEK, week_start
from sharing.models import CareAccess
from weekly.data import load_review
from weekly.models import DigestSent


def last_full_week(patient) -> dt.date:
    return week_start(patient.today()) - WEEK


def digest_pairs():
    """(recipient, patient) for everyone who asked for the digest.

    Someone who only cares for others (and keeps no journal of their own) gets no empty
    digest of their own journal.
    """
    keeps_a_journal = Q(entries__isnull=False) | Q(check_ins__isnull=False)
    asked = User.objects.filter(keeps_a_journal, weekly_digest=True, is_active=True)
    for user in asked.distinct().order_by("pk"):
        yield user, user
    accesses = CareAccess.objects.active().filter(
        caregiver__weekly_digest=True, caregiver__is_active=True
    )
    for access in accesses.select_related("caregiver", "patient"):
        yield access.caregiver, access.patient


def send_weekly_digests(*, at_hour: int | None = None, now: dt.datetime | None = None) -> Run:
    """Send last week's digest to everyone who asked for it and has not had it yet.

    With `at_hour`, only to those whose own clock shows that hour at `now`: run every hour,
    each person's digest comes in their morning, not the server's."""
    pairs = digest_pairs()
    if at_hour is not None:
        now = now or timezone.now()
        pairs = (pair for pair in pairs if now.astimezone(pair[0].zone).hour == at_hour)
    return for_each_person(
        pairs,
        lambda pair: send_digest(*pair),
        job="The weekly digest",
        who=lambda pair: f"recipient {pair[0].pk} (journal of {pair[1].pk})",
    )


def send_digest(recipient, patient) -> bool:
    """Send last week's digest unless it went already; True if it was sent now."""
    start = last_full_week(patient)
    try:
        with transaction.atomic():
            DigestSent.objects.create(recipient=recipient, patient=patient, week_start=start)
            review = load_review(patient, start)
            link = settings.SITE_URL + reverse("week_of", args=[patient.journal_key, start])
            context = {
                "review": review,
                "patient": patient,
                "recipient": recipient,
                "link": link,
                "own": recipient.pk == patient.pk,
            }
            whose = "Your" if context["own"] else f"{patient.name_for_a_header}’s"
            message = EmailMultiAlternatives(
                subject=f"{whose} week from {start:%-d %B}: MS Journal",
                body=render_to_string("weekly/digest.txt", context),
                to=[recipient.email],
            )
            message.attach_alternative(render_to_string("weekly/digest.html", context), "text/html")
            message.send()
    except IntegrityError:
        return False  # this week's digest went out already
    return True
