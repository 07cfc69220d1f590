"""Links that open one period's visit summary for a clinician, without an account."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from accounts.querysets import PatientQuerySet
from sharing.models import CareAccess, hash_token


class Lifetime(models.TextChoices):
    DAY = "day", "A day"
    WEEK = "week", "A week"
    MONTH = "30days", "30 days"


LIFETIMES = {
    Lifetime.DAY: dt.timedelta(days=1),
    Lifetime.WEEK: dt.timedelta(days=7),
    Lifetime.MONTH: dt.timedelta(days=30),
}
# Five wrong PINs and the link opens no more: a four-digit PIN then holds against guessing.
WRONG_PINS_ALLOWED = 5
# 32 random bytes: 256 bits, well past guessing however fast the tries come.
TOKEN_BYTES = 32


class ClinicianLinkQuerySet(PatientQuerySet):
    def usable(self) -> ClinicianLinkQuerySet:
        """The links that open: in time, neither revoked nor locked, and made by the patient
        or by a caregiver who may still make them (their access not revoked, their account
        not deleted, the patient not having taken the leave back)."""
        caring = CareAccess.objects.active().filter(
            patient=OuterRef("patient"), caregiver=OuterRef("made_by")
        )
        allowed = LinkRule.objects.filter(patient=OuterRef("patient"), caregivers_may_make=True)
        return self.filter(
            Q(made_by=F("patient")) | (Exists(caring) & Exists(allowed)),
            revoked_at__isnull=True,
            locked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )

    def with_opens(self) -> ClinicianLinkQuerySet:
        """Each link with `opens`: whether it is usable now, for its state in words."""
        usable = ClinicianLink.objects.usable().filter(pk=OuterRef("pk"))
        return self.annotate(opens=Exists(usable))

    def expired(self) -> ClinicianLinkQuerySet:
        return self.filter(expires_at__lte=timezone.now())

    def with_token(self, token: str) -> ClinicianLinkQuerySet:
        return self.filter(token_hash=hash_token(token))


class ClinicianLink(models.Model):
    """One period of a patient's visit summary, opened by whoever holds the link.

    Only a hash of the token is kept: the link itself is shown once, to the person who
    made it. A PIN, when there is one, is kept as a password is.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_links"
    )
    # The patient, or a caregiver the patient lets make links.
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first = models.DateField()
    last = models.DateField()
    # The questions for the visit as they were when the link was made: what the patient
    # types later, perhaps for another doctor, is not this link's to show.
    questions = models.TextField(blank=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    pin_hash = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(db_index=True)
    wrong_pins = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    times_opened = models.PositiveIntegerField(default=0)

    objects = ClinicianLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first__lte=F("last")), name="clinician_link_first_not_after_last"
            ),
        ]

    def __str__(self) -> str:
        return f"clinician link to {self.patient_id}'s summary, {self.first} to {self.last}"

    @classmethod
    def issue(
        cls,
        *,
        patient,
        made_by,
        first: dt.date,
        last: dt.date,
        lifetime: str,
        pin: str = "",
        questions: str = "",
    ) -> tuple[ClinicianLink, str]:
        """A new link and its token, which exists nowhere else once shown."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        now = timezone.now()
        link = cls.objects.create(
            patient=patient,
            made_by=made_by,
            first=first,
            last=last,
            questions=questions,
            token_hash=hash_token(token),
            pin_hash=make_password(pin) if pin else "",
            created_at=now,
            expires_at=now + LIFETIMES[Lifetime(lifetime)],
        )
        return link, token

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    @property
    def pins_left(self) -> int:
        return max(WRONG_PINS_ALLOWED - self.wrong_pins, 0)

    @property
    def state(self) -> str:
        """In words for the patient: why it no longer opens, or until when it does."""
        if self.revoked_at:
            return f"Revoked {timezone.localtime(self.revoked_at):%-d %b, %H:%M}"
        if self.locked_at:
            return f"Locked after {WRONG_PINS_ALLOWED} wrong PINs"
        if self.expires_at <= timezone.now():
            return "Expired"
        if not getattr(self, "opens", True):
            return "Stopped: whoever made it may no longer make links"
        return f"Works until {timezone.localtime(self.expires_at):%-d %b, %H:%M}"

    @property
    def is_usable(self) -> bool:
        in_time = not (self.revoked_at or self.locked_at) and self.expires_at > timezone.now()
        return in_time and getattr(self, "opens", True)

    def try_pin(self, pin: str) -> bool | None:
        """True for the right PIN, False for a wrong one, None once the link is locked.

        Each try first takes one of the wrong tries left, in one conditional update, and
        the right PIN gives it back: however many tries arrive at the same moment, no more
        than WRONG_PINS_ALLOWED can be wrong."""
        mine = ClinicianLink.objects.filter(pk=self.pk)
        taken = mine.filter(locked_at__isnull=True, wrong_pins__lt=WRONG_PINS_ALLOWED).update(
            wrong_pins=F("wrong_pins") + 1
        )
        if not taken:
            return None
        if check_password(pin, self.pin_hash):
            mine.update(wrong_pins=F("wrong_pins") - 1)
            return True
        self.wrong_pins = mine.values_list("wrong_pins", flat=True).get()
        if self.wrong_pins >= WRONG_PINS_ALLOWED:
            now = timezone.now()
            mine.filter(locked_at__isnull=True).update(locked_at=now)
            self.locked_at = now
        return False

    def mark_opened(self) -> None:
        now = timezone.now()
        ClinicianLink.objects.filter(pk=self.pk).update(
            last_opened_at=now, times_opened=F("times_opened") + 1
        )
        self.last_opened_at = now

    def revoke(self) -> bool:
        """Make the link stop opening now; False if it had stopped already."""
        now = timezone.now()
        revoked = ClinicianLink.objects.filter(pk=self.pk, revoked_at__isnull=True).update(
            revoked_at=now
        )
        if revoked:
            self.revoked_at = now
        return bool(revoked)


class LinkRule(models.Model):
    """Whether the people who care for a patient may make clinician links (no row: not)."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_link_rule"
    )
    caregivers_may_make = models.BooleanField(
        "Let the people who care for you make clinician links", default=False
    )

    objects = PatientQuerySet.as_manager()

    def __str__(self) -> str:
        return f"clinician link rule of {self.patient_id}"


class LinkTry(models.Model):
    """One request to a clinician link's address, right or wrong: what the rate limits count.

    The address is kept hashed, and only until the nightly clean-up."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    link = models.ForeignKey(ClinicianLink, on_delete=models.CASCADE, null=True, related_name="+")

    def __str__(self) -> str:
        return f"try at {self.at}"
