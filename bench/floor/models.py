from django.db import models


class Note(models.Model):
    """The floor's one model: what a single INSERT costs on this database."""

    text = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "floor"

    def __str__(self) -> str:
        return self.text
