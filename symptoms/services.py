"""Writes to the journal: validated in full and safe against a form sent twice."""

import uuid

from django.db import IntegrityError, transaction

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


def save_once(record, *, client_token: uuid.UUID | None):
    """Insert a record a form made, or return the row this same form already made.

    For any model with a patient and a client_token unique together. The database's own
    constraint is the judge of the token: a form sent once (nearly always) costs one
    INSERT, not a look-up first; a copy fails it and gets the first row back.
    """
    try:
        _insert(record)
    except IntegrityError:
        first = None
        if client_token is not None:
            first = (
                type(record)
                .objects.filter(patient_id=record.patient_id, client_token=client_token)
                .first()
            )
        if first is None:
            raise  # another constraint refused it: not a copy of a form
        return first
    return record


def _insert(record) -> None:
    """On its own an INSERT is its own transaction; inside one (an import, a test), a
    savepoint lets a refused row leave the rest of the transaction standing."""
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            record.save()
    else:
        record.save()


def entry_update(*, entry: Entry, **fields) -> Entry:
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean(exclude=["patient", "logged_by"])
    entry.save()
    return entry
