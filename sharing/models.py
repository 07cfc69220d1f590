"""Who may see a patient's journal: invitations, care access and the log of every look."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

INVITATION_LIFETIME = dt.timedelta(days=7)


class Permission(models.TextChoices):
    VIEW = "view", "View"
    LOG = "log", "View and log"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link that lets one person into a patient's journal.

    Only a hash of the token is stored: the link itself exists in the patient's browser
    (shown once) and in the e-mail, nowhere else.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(blank=True, help_text="Where the link was sent, if it was.")
    permission = models.CharField(max_length=4, choices=Permission.choices, default=Permission.VIEW)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation to {self.patient_id}'s journal"

    @classmethod
    def issue(cls, *, patient, permission: str, email: str = "") -> tuple["Invitation", str]:
        token = secrets.token_urlsafe(24)
        invitation = cls.objects.create(
            patient=patient,
            permission=permission,
            email=email,
            token_hash=hash_token(token),
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        return invitation, token

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > timezone.now()
        )


class CareAccessQuerySet(models.QuerySet):
    def active(self) -> "CareAccessQuerySet":
        return self.filter(revoked_at__isnull=True)


class CareAccess(models.Model):
    """A caregiver's access to one patient's journal, until the patient revokes it."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caregivers"
    )
    caregiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cares_for"
    )
    permission = models.CharField(max_length=4, choices=Permission.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CareAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "caregiver"],
                condition=Q(revoked_at__isnull=True),
                name="care_access_one_active_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(patient=models.F("caregiver")), name="care_access_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.caregiver_id} cares for {self.patient_id} ({self.permission})"

    @property
    def can_log(self) -> bool:
        return self.permission == Permission.LOG


class AccessLogEntry(models.Model):
    """One look by a caregiver at a patient's journal: who, what, when."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    caregiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.caregiver_id} saw {self.what}"


class DigestSent(models.Model):
    """A weekly digest that went out, so the same week is never sent twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "patient", "week_start"], name="digest_once_a_week"
            )
        ]

    def __str__(self) -> str:
        return f"digest of {self.week_start}"
