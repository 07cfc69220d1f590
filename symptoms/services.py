"""Writes to the journal: validated in full and safe against a form sent twice."""

import uuid

from lib.saving import save_once
from symptoms.models import Entry


def entry_create(
    *, patient, logged_by=None, client_token: uuid.UUID | None = None, **fields
) -> Entry:
    """Save a new entry, or return the one this same form already made.

    A double-tapped button or a browser retry sends the same client_token twice; the
    second request gets the first entry back instead of a copy.
    """
    entry = Entry(
        patient=patient, logged_by=logged_by or patient, client_token=client_token, **fields
    )
    # Uniqueness and the constraints are the database's to judge, in the INSERT itself.
    entry.full_clean(
        exclude=["patient", "logged_by"], validate_unique=False, validate_constraints=False
    )
    return save_once(entry, client_token=client_token)


def entry_update(*, entry: Entry, **fields) -> Entry:
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean(exclude=["patient", "logged_by"])
    entry.save()
    return entry
