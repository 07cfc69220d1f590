"""Writes about a whole account that touch several apps' models."""

from django.db import transaction

from accounts.models import User
from symptoms.models import Entry


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the person and every row of their data.

    Their own journal (entries, check-ins, triggers, invitations, care access both ways,
    the access log, digests, visit preparation) goes with the user by cascade, so the
    people caring for them lose access at once. Entries they logged in someone else's
    journal belong to that patient: they stay, marked as logged by a former caregiver.
    """
    Entry.objects.forget_caregiver(user)
    user.delete()
