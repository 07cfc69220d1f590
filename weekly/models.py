from django.conf import settings
from django.db import models


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
