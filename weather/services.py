"""Setting and stopping a patient's place: what the weather is fetched for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from weather.cells import to_cell
from weather.models import Place
from weather.tasks import backfill_place


def place_set(
    *,
    patient,
    latitude: float | Decimal | str,
    longitude: float | Decimal | str,
    name: str = "",
    since: dt.date | None = None,
) -> Place:
    """The patient lives in the cell of (latitude, longitude) from `since` on.

    The place in force ends where the new one begins (today, unless `since` says
    otherwise); the very first place reaches back to the journal's first day. Its
    weather is fetched by a queued task once the place is saved. The cell already in
    force is left as it is.
    """
    cell = _cell_or_error(latitude, longitude)
    with transaction.atomic():
        places = Place.objects.for_patient(patient).select_for_update()
        current = places.current().first()
        if current is not None and current.cell == cell:
            return current
        if since is None and places.exists():
            since = patient.today()
        _refuse_overlap(places, since)
        if current is not None:
            current.end(since)
        place = Place(patient=patient, latitude=cell[0], longitude=cell[1], name=name, since=since)
        place.full_clean()
        place.save()
        transaction.on_commit(lambda: backfill_place.enqueue(place.pk))
    return place


def places_stop(*, patient, keep: bool) -> None:
    """No more weather for the patient. `keep`: the days already filled stay (the place
    in force ends today); otherwise every place goes, and nothing filled remains."""
    with transaction.atomic():
        places = Place.objects.for_patient(patient).select_for_update()
        if not keep:
            places.delete()
            return
        current = places.current().first()
        if current is not None:
            current.end(patient.today())


def _cell_or_error(latitude, longitude) -> tuple[Decimal, Decimal]:
    errors = {}
    for field, value, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) > limit:
            errors[field] = f"Give the {field} as a number between -{limit} and {limit}."
    if errors:
        raise ValidationError(errors)
    return to_cell(latitude, longitude)


def _refuse_overlap(places, since: dt.date | None) -> None:
    """A new place begins after every earlier one has: one place per day."""
    if since is None:
        return
    for place in places:
        began = place.since is not None and place.since >= since
        if began or (place.until is not None and place.until > since):
            raise ValidationError(
                {"since": f"Your place {place} already covers {since:%d %B %Y}: pick a later day."}
            )
