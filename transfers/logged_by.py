"""The logged_by column of the entries and doses files, both ways: who logged a row is
the patient, a caregiver's e-mail address while their access lasts, or a former
caregiver (revoked, deleted), named without an address."""

from django.db.models import Case, CharField, Exists, F, OuterRef, Value, When

from sharing.models import CareAccess
from transfers.reading import BadCell

LOGGED_BY_PATIENT = "patient"
LOGGED_BY_FORMER = "former caregiver"


def logged_by_cell(patient) -> Case:
    """The logged_by cell, worked out in the rows' own query."""
    caring = CareAccess.objects.active().filter(patient=patient, caregiver=OuterRef("logged_by"))
    return Case(
        When(logged_by=patient, then=Value(LOGGED_BY_PATIENT)),
        When(Exists(caring), then=F("logged_by__email")),
        default=Value(LOGGED_BY_FORMER),
        output_field=CharField(),
    )


def logger_reader(patient):
    """logged_by cells to users: the patient, a current caregiver, or nobody known."""
    caregivers = {
        access.caregiver.email.lower(): access.caregiver
        for access in CareAccess.objects.active()
        .filter(patient=patient)
        .select_related("caregiver")
    }

    def logger(value: str):
        word = value.lower()
        if word == LOGGED_BY_PATIENT:
            return patient
        if word == LOGGED_BY_FORMER:
            return None
        if "@" in word:
            # Someone who does not care for the patient now is a former caregiver.
            return caregivers.get(word)
        raise BadCell(f'write "{LOGGED_BY_PATIENT}", "{LOGGED_BY_FORMER}" or an e-mail address')

    return logger
