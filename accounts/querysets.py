"""The start of every read a journal page makes: one patient's rows, nobody else's."""

import datetime as dt
from typing import Self

from django.db import models


class PatientQuerySet(models.QuerySet):
    """Rows that belong to one patient through a `patient` foreign key."""

    def for_patient(self, patient) -> Self:
        return self.filter(patient=patient)


def on_dates(qs: models.QuerySet, field: str, first: dt.date | None, last: dt.date | None):
    """The rows whose date `field` falls in first..last; None leaves a side open."""
    if first is not None:
        qs = qs.filter(**{f"{field}__gte": first})
    if last is not None:
        qs = qs.filter(**{f"{field}__lte": last})
    return qs
