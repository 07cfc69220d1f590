"""Saving what a form made exactly once, however often the form is sent."""

import uuid

from django.db import IntegrityError, transaction


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
