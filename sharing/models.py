"""Who may see a patient's journal: invitations, care access and the log of every look."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.querysets import PatientQuerySet
from lib.text import validate_one_line
from sharing.actions import action_code, describe

INVITATION_LIFETIME = dt.timedelta(days=7)


class Permission(models.TextChoices):
    VIEW = "view", "View"
    LOG = "log", "View and log"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationGone(Exception):
    """The link was used, withdrawn or has expired (perhaps a moment ago, by someone else)."""


class InvitationRefused(Exception):
    """This person may not accept this invitation; the message says why, for them."""


class InvitationQuerySet(PatientQuerySet):
    def usable(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        )

    def with_token(self, token: str) -> "InvitationQuerySet":
        return self.filter(token_hash=hash_token(token))

    def addressed_to(self, user) -> "InvitationQuerySet":
        return self.filter(email__iexact=user.email)


class Invitation(models.Model):
    """A single-use link that lets one person into a patient's journal.

    Only a hash of the token is stored: the link itself exists in the patient's browser
    (shown once) and in the e-mail, nowhere else.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(
        blank=True, validators=[validate_one_line], help_text="Where the link was sent, if it was."
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="invitation_not_accepted_and_withdrawn",
            ),
            # accepted_by may become empty later (the caregiver deleted their account),
            # but nobody is ever recorded as accepting an invitation that was not accepted.
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True) | Q(accepted_at__isnull=False),
                name="invitation_accepted_by_only_when_accepted",
            ),
        ]

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

    def refusal_for(self, user) -> str | None:
        """Why this person may not accept the invitation, in words for them; None if they may."""
        if user.pk == self.patient_id:
            return (
                "This is an invitation to your own journal: "
                "send the link to the person who cares for you."
            )
        if self.email and self.email.lower() != user.email.lower():
            return (
                f"This invitation was sent to {self.email}. "
                "Log in with that address to accept it, or ask for a new link."
            )
        if self.predates_revocation_of(user):
            return (
                f"{self.patient} took back your access after this link was made, so it no "
                "longer lets you in. If they want you back, they will send you a new invitation."
            )
        return None

    def predates_revocation_of(self, user) -> bool:
        """Whether the patient revoked this person's access after the link was made.

        A link made before a revocation never lets the revoked person back in, however
        they came by it: only a new invitation, made afterwards, does.
        """
        return CareAccess.objects.filter(
            patient_id=self.patient_id, caregiver=user, revoked_at__gte=self.created_at
        ).exists()

    @transaction.atomic
    def accept(self, *, caregiver) -> "CareAccess":
        """Let the caregiver in, once: of several people accepting at the same moment, one wins.

        Raises InvitationGone when the link is no longer usable (the others of a race get
        this), InvitationRefused when this person may not accept it.
        """
        now = timezone.now()
        # The claim is one conditional UPDATE: the database lets exactly one of several
        # concurrent accepts change the row (a row lock on PostgreSQL, the write lock on
        # SQLite); the others find it already accepted and update nothing.
        claimed = (
            Invitation.objects.usable()
            .filter(pk=self.pk)
            .update(accepted_at=now, accepted_by=caregiver)
        )
        if not claimed:
            raise InvitationGone
        # Checked after the claim, inside its transaction, so a rollback frees the link.
        refusal = self.refusal_for(caregiver)
        if refusal is not None:
            raise InvitationRefused(refusal)
        self.accepted_at, self.accepted_by = now, caregiver
        return CareAccess.grant(invitation=self, caregiver=caregiver)

    def withdraw(self) -> bool:
        """Make the link stop working; False if it had already been used, withdrawn or expired."""
        now = timezone.now()
        withdrawn = Invitation.objects.usable().filter(pk=self.pk).update(withdrawn_at=now)
        if withdrawn:
            self.withdrawn_at = now
        return bool(withdrawn)


class CareAccessQuerySet(PatientQuerySet):
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
    # The invitation that let them in: one invitation opens the journal for one person.
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="access"
    )
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

    @classmethod
    def grant(cls, *, invitation: Invitation, caregiver) -> "CareAccess":
        """The access an accepted invitation gives: a new one, or the one they already have."""
        active = cls.objects.active().filter(patient_id=invitation.patient_id, caregiver=caregiver)
        existing = active.first()
        if existing is None:
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        patient_id=invitation.patient_id,
                        caregiver=caregiver,
                        permission=invitation.permission,
                        invitation=invitation,
                    )
            except IntegrityError:
                # A second invitation of the same patient, accepted at the same moment.
                existing = active.get()
        existing.change_permission(invitation.permission)
        return existing

    def mark_seen(self) -> None:
        """The caregiver just opened the journal. An update of this one column, so a
        request never writes back a stale copy of the rest (a revoke, say)."""
        now = timezone.now()
        CareAccess.objects.filter(pk=self.pk).update(last_seen_at=now)
        self.last_seen_at = now

    def change_permission(self, permission: str) -> None:
        self.permission = Permission(permission)
        self.save(update_fields=["permission"])

    @transaction.atomic
    def revoke(self) -> None:
        """Shut the caregiver out now, and withdraw every pending link addressed to them."""
        now = timezone.now()
        if CareAccess.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=now):
            self.revoked_at = now
        pending = Invitation.objects.usable().filter(patient_id=self.patient_id)
        pending.addressed_to(self.caregiver).update(withdrawn_at=now)


class AccessLogEntry(models.Model):
    """One look by someone else at a patient's journal: who, what, when.

    `what` is an action code (sharing.actions), phrased when shown. `caregiver` is empty
    for a look without an account: someone holding a link the patient gave out.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    caregiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    what = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.who} {self.description}"

    @classmethod
    def record(cls, request, *, patient, caregiver=None) -> "AccessLogEntry":
        """What this request did in the patient's journal, and by whom (None: someone
        holding a link the patient gave out)."""
        what = action_code(request.resolver_match.url_name, request.method)
        return cls.objects.create(patient=patient, caregiver=caregiver, what=what)

    @property
    def who(self) -> str:
        return str(self.caregiver) if self.caregiver else "Someone"

    @property
    def description(self) -> str:
        return describe(self.what)
