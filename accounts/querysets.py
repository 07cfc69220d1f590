"""The start of every read a journal page makes: one patient's rows, nobody else's."""

from typing import Self

from django.db import models


class PatientQuerySet(models.QuerySet):
    """Rows that belong to one patient through a `patient` foreign key."""

    def for_patient(self, patient) -> Self:
        return self.filter(patient=patient)
