from django.conf import settings
from django.db import models

from accounts.querysets import PatientQuerySet
from lib.text import validate_note


class VisitPrep(models.Model):
    """What the patient brings to the next neurologist visit besides the figures."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visit_prep"
    )
    last_visit = models.DateField("date of your last visit", null=True, blank=True)
    questions = models.TextField(
        "questions for the visit",
        blank=True,
        max_length=settings.NOTES_MAX_LENGTH,
        validators=[validate_note],
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PatientQuerySet.as_manager()

    def __str__(self) -> str:
        return f"visit prep of {self.patient_id}"
