"""The heat heads-up: the evening before a hot day where the person lives, sent only when
their own journal finds hot days go with worse ones. Every pass is given its `now`."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reminders.models import ReminderPlan, SentReminder
from reminders.schedule import send_due_reminders
from symptoms.models import Entry
from tests.support.diaries import trigger_diary
from tests.support.makers import jurl
from triggers.models import CheckIn
from weather.models import Place, WeatherDay

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2025, 7, 1)
TOMORROW = TODAY + dt.timedelta(days=1)
EVENING = dt.datetime.combine(TODAY, dt.time(19), tzinfo=LONDON)
LEEDS = (Decimal("53.8"), Decimal("-1.5"))
HEADS_UP = "Tomorrow looks hot (31 °C). Hot days go with more spasms for you: plan cool breaks."

pytestmark = pytest.mark.django_db


def plan(person, **fields) -> ReminderPlan:
    return ReminderPlan.objects.create(person=person, **{"heat_by": "email", **fields})


def live_in(person, cell=LEEDS, **fields) -> Place:
    return Place.objects.create(
        patient=person, latitude=cell[0], longitude=cell[1], name="Leeds", **fields
    )


def forecast(max_temp_c: str, cell=LEEDS, day: dt.date = TOMORROW) -> WeatherDay:
    return WeatherDay.objects.create(
        latitude=cell[0],
        longitude=cell[1],
        date=day,
        max_temp_c=Decimal(max_temp_c),
        forecast=True,
        fetched_at=EVENING - dt.timedelta(hours=6),
    )


def write_journal(person, *, heat: float, seed: int = 1, days: int = 90) -> None:
    """A planted diary ending today, written as the patient would have logged it: a
    check-in a day (hot or not, the night, infection, activity, stress, steps) and each
    spasm and the day's worst pain as entries. `heat` multiplies the hot days' spasms."""
    start = TODAY - dt.timedelta(days=days - 1)
    diary = trigger_diary(seed, days, heat=heat, start=start)
    CheckIn.objects.bulk_create(
        CheckIn(
            patient=person,
            date=day.date,
            overheated=day.binary["heat"],
            sleep_quality=2 if day.binary["poor_sleep"] else 4,
            infection="cold_flu" if day.binary["infection"] else "none",
            activity="hard" if day.binary["hard_activity"] else "light",
            stress=int(day.continuous["stress"]),
            steps=int(day.continuous["steps"]),
        )
        for day in diary
    )
    entries = []
    for day in diary:
        noon = dt.datetime.combine(day.date, dt.time(12), tzinfo=LONDON)
        for n in range(int(day.outcomes["spasm_count"])):
            entries.append(
                Entry(
                    patient=person,
                    logged_by=person,
                    kind="spasm",
                    occurred_at=noon + dt.timedelta(minutes=n),
                    severity=int(day.outcomes["spasm_severity_max"]),
                    regions=["left_leg"],
                )
            )
        if day.outcomes["pain_max"]:
            entries.append(
                Entry(
                    patient=person,
                    logged_by=person,
                    kind="pain",
                    pain_type="nerve",
                    occurred_at=noon - dt.timedelta(hours=2),
                    severity=int(day.outcomes["pain_max"]),
                    regions=["left_foot"],
                )
            )
    Entry.objects.bulk_create(entries)


@pytest.fixture
def londoner(django_user_model):
    return django_user_model.objects.create_user("sam@example.com", time_zone="Europe/London")


@pytest.fixture
def heat_sensitive(patient):
    """Pat, in Leeds, whose last 90 days find hot days go with about twice the spasms."""
    write_journal(patient, heat=2.0)
    live_in(patient)
    return patient


def outcome(person) -> str:
    return SentReminder.objects.get(person=person, kind="heat").outcome


def test_the_evening_before_a_hot_day_the_heat_sensitive_hear_of_it(heat_sensitive):
    plan(heat_sensitive)
    forecast("31.2")
    result = send_due_reminders(EVENING)
    assert (result.sent, result.skipped) == (1, 0)
    (message,) = mail.outbox
    assert message.to == ["pat@example.com"]
    assert message.subject == HEADS_UP
    assert HEADS_UP + "\n" in message.body  # one full stop, not two
    assert jurl(heat_sensitive, "insights") in message.body
    claim = SentReminder.objects.get()
    assert (claim.kind, claim.local_date, claim.outcome) == ("heat", TODAY, "sent")


def test_the_forecast_is_given_in_the_patients_own_unit(heat_sensitive):
    heat_sensitive.temperature_unit = "F"
    heat_sensitive.save()
    plan(heat_sensitive)
    forecast("31.2")
    send_due_reminders(EVENING)
    assert mail.outbox[0].subject.startswith("Tomorrow looks hot (88 °F).")


@pytest.mark.parametrize("max_temp_c", ["22.0", "24.9"])
def test_a_mild_tomorrow_brings_nothing(heat_sensitive, max_temp_c):
    plan(heat_sensitive)
    forecast(max_temp_c)  # Pat's hot day starts at 25 °C
    assert send_due_reminders(EVENING).skipped == 1
    assert mail.outbox == [] and outcome(heat_sensitive) == "not hot tomorrow"


def test_hot_is_the_patients_own_hot_day_threshold(heat_sensitive):
    heat_sensitive.heat_threshold_c = Decimal(32)
    heat_sensitive.save()
    plan(heat_sensitive)
    forecast("31.2")
    send_due_reminders(EVENING)
    assert mail.outbox == [] and outcome(heat_sensitive) == "not hot tomorrow"


def test_no_heads_up_when_heat_does_not_stand_out_in_the_journal(patient):
    write_journal(patient, heat=1.0)  # hot days as many spasms as the rest
    live_in(patient)
    plan(patient)
    forecast("31.2")
    assert send_due_reminders(EVENING).skipped == 1
    assert mail.outbox == [] and outcome(patient) == "heat does not stand out"


def test_no_heads_up_without_a_place_or_its_forecast(patient, londoner):
    write_journal(patient, heat=2.0)
    plan(patient)
    forecast("31.2")
    live_in(londoner, cell=(Decimal("51.5"), Decimal("-0.1")))  # no forecast fetched
    plan(londoner)
    assert send_due_reminders(EVENING).skipped == 2
    assert mail.outbox == []
    assert outcome(patient) == "no place set"
    assert outcome(londoner) == "no forecast yet"


def test_the_forecast_is_the_one_of_the_place_in_force_tomorrow(heat_sensitive):
    Place.objects.filter(patient=heat_sensitive).update(until=TOMORROW)  # moving tomorrow
    live_in(heat_sensitive, cell=(Decimal("57.1"), Decimal("-2.1")), since=TOMORROW)
    plan(heat_sensitive)
    forecast("31.2")  # Leeds, left behind
    forecast("18.0", cell=(Decimal("57.1"), Decimal("-2.1")))  # Aberdeen
    send_due_reminders(EVENING)
    assert mail.outbox == [] and outcome(heat_sensitive) == "not hot tomorrow"


def test_the_heads_up_comes_once_at_the_time_chosen_and_is_off_by_default(heat_sensitive):
    assert ReminderPlan(person=heat_sensitive).heat_by == ""
    plan(heat_sensitive, heat_at=dt.time(18, 30))
    forecast("31.2")
    sent_at = []
    now = EVENING - dt.timedelta(minutes=40)
    while now <= EVENING + dt.timedelta(minutes=90):
        if send_due_reminders(now).sent:
            sent_at.append(now)
        now += dt.timedelta(minutes=1)
    assert sent_at == [EVENING - dt.timedelta(minutes=30)]
    assert len(mail.outbox) == 1
    assert send_due_reminders(EVENING + dt.timedelta(days=1)).sent == 0  # a day later, 19:00


def test_quiet_hours_and_a_pause_hold_the_heads_up(heat_sensitive, londoner):
    plan(heat_sensitive, quiet_from=dt.time(18), quiet_until=dt.time(8))
    forecast("31.2")
    write_journal(londoner, heat=2.0)
    live_in(londoner)
    plan(londoner, paused_until=TODAY)
    assert send_due_reminders(EVENING).skipped == 2
    assert mail.outbox == []
    assert (outcome(heat_sensitive), outcome(londoner)) == ("quiet hours", "paused")


def test_the_push_notification_carries_the_heads_up(heat_sensitive, service, subscribe):
    phone = service.browser()
    subscribe(heat_sensitive, phone)
    plan(heat_sensitive, heat_by="push")
    forecast("31.2")
    assert send_due_reminders(EVENING).sent == 1
    [payload] = service.payloads_for(phone)
    assert payload["body"] == HEADS_UP
    assert payload["url"] == jurl(heat_sensitive, "insights")
    assert payload["kind"] == "heat" and "actions" not in payload
    assert mail.outbox == []


def test_a_mild_evening_costs_the_same_queries_for_many_people_as_for_few(django_user_model):
    """The trigger report is worked out only for a hot tomorrow: on a mild evening the
    people due their heads-up cost no query each, their forecast read for all at once."""
    forecast("20.0")

    def queries_for(count: int) -> int:
        SentReminder.objects.all().delete()
        for n in range(count):
            person = django_user_model.objects.create_user(
                f"p{count}-{n}@example.com", time_zone="Europe/London"
            )
            live_in(person)
            plan(person)
        with CaptureQueriesContext(connection) as captured:
            assert send_due_reminders(EVENING).skipped == django_user_model.objects.count()
        return len(captured)

    assert queries_for(2) == queries_for(10)
    assert set(SentReminder.objects.values_list("outcome", flat=True)) == {"not hot tomorrow"}
