import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from weather.models import Place
from weather.services import place_set, places_stop

pytestmark = pytest.mark.django_db


def test_a_place_is_kept_only_as_its_cell(patient, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        place = place_set(patient=patient, latitude=53.79648, longitude=-1.54785, name="Leeds")

    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (Decimal("53.8"), Decimal("-1.5"))
    assert place.since is None and place.until is None  # from the journal's first day
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs == {"args": [place.pk], "kwargs": {}}


def test_a_move_ends_the_place_in_force_where_the_new_one_begins(patient):
    leeds = place_set(patient=patient, latitude=53.8, longitude=-1.5)
    york = place_set(patient=patient, latitude=53.96, longitude=-1.08)
    leeds.refresh_from_db()
    assert leeds.until == york.since == patient.today()

    hull = place_set(patient=patient, latitude=53.74, longitude=-0.33, since=dt.date(2099, 1, 1))
    york.refresh_from_db()
    assert york.until == hull.since == dt.date(2099, 1, 1)
    assert list(Place.objects.for_patient(patient).current()) == [hull]


def test_the_same_cell_again_changes_nothing(patient, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = place_set(patient=patient, latitude=53.8, longitude=-1.5, name="Leeds")
        again = place_set(patient=patient, latitude=53.77, longitude=-1.52, name="Elsewhere")

    assert again == first and Place.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [(91, 0, "latitude"), (-90.5, 0, "latitude"), (0, 180.1, "longitude"), ("north", 0, "latitude"),
     ("nan", 0, "latitude"), (0, "inf", "longitude"), ("", 3, "latitude")],
)  # fmt: skip
def test_coordinates_off_the_earth_are_refused_by_the_field(patient, latitude, longitude, field):
    with pytest.raises(ValidationError) as refused:
        place_set(patient=patient, latitude=latitude, longitude=longitude)

    assert field in refused.value.message_dict
    assert Place.objects.count() == 0


def test_a_place_cannot_begin_before_the_one_in_force_did(patient):
    place_set(patient=patient, latitude=53.8, longitude=-1.5, since=dt.date(2025, 5, 1))

    with pytest.raises(ValidationError) as refused:
        place_set(patient=patient, latitude=51.5, longitude=-0.1, since=dt.date(2025, 4, 1))

    assert "since" in refused.value.message_dict
    assert Place.objects.get().until is None


def test_stopping_keeps_the_days_already_filled(patient):
    place_set(patient=patient, latitude=53.8, longitude=-1.5)

    places_stop(patient=patient, keep=True)

    assert Place.objects.get().until == patient.today()
    place = place_set(patient=patient, latitude=53.8, longitude=-1.5)  # back on later
    assert place.since == patient.today() and Place.objects.count() == 2


def test_stopping_and_deleting_leaves_no_place(patient, stranger):
    place_set(patient=patient, latitude=53.8, longitude=-1.5)
    place_set(patient=patient, latitude=51.5, longitude=-0.1, since=dt.date(2099, 1, 1))
    theirs = place_set(patient=stranger, latitude=53.8, longitude=-1.5)

    places_stop(patient=patient, keep=False)

    assert list(Place.objects.all()) == [theirs]
