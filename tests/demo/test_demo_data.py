"""The demo generators make a journal the database accepts, whatever the seed."""

import datetime as dt
import random

import pytest

from symptoms.demo import demo_days, demo_entries
from triggers.demo import demo_check_ins, demo_own_trigger
from triggers.models import CheckIn, TagAnswer

pytestmark = pytest.mark.django_db
SEEDS = range(20)
DAYS = 60  # long enough for every part of the story: hot spells, the infection week


@pytest.mark.parametrize("seed", SEEDS)
def test_every_demo_object_passes_the_models_checks(patient, seed):
    rng = random.Random(seed)
    story = demo_days(dt.datetime.now(tz=patient.zone).date(), DAYS, rng)
    entries = demo_entries(patient, story, rng)
    check_ins = demo_check_ins(patient, story, rng)
    for made in [*entries, *check_ins]:
        made.full_clean()
    saved = CheckIn.objects.bulk_create(check_ins)
    demo_own_trigger(patient, saved, rng)
    for answer in TagAnswer.objects.filter(check_in__patient=patient):
        answer.full_clean()
