"""The pass that sends what is due: each reminder once, at its local moment, never at
night, never when it is not wanted. Every pass is given its `now`."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.served import app_env, django_json, manage, throwaway_database
from reminders.models import DoseTime, PushSubscription, ReminderPlan, SentReminder
from reminders.schedule import send_due_reminders
from tests.support.makers import jurl, make_entry, medicine
from treatments.models import DoseLog
from triggers.models import CheckIn

MINUTE = dt.timedelta(minutes=1)


def at(zone: str, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(zone))


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def plan(person, **fields) -> ReminderPlan:
    return ReminderPlan.objects.create(person=person, **fields)


def minute_by_minute(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Run a pass at the start of every minute from start to end; the minutes that sent."""
    sent_at = []
    now = start
    while now <= end:
        if send_due_reminders(now).sent:
            sent_at.append(now)
        now += MINUTE
    return sent_at


@pytest.fixture
def in_zone(django_user_model):
    def make(zone: str, email: str = "someone@example.com"):
        return django_user_model.objects.create_user(email, time_zone=zone)

    return make


@pytest.mark.django_db
@pytest.mark.parametrize(
    "zone, day, check_in_at, expected",
    [
        ("Europe/London", dt.date(2025, 3, 30), dt.time(1, 30), utc(2025, 3, 30, 1)),
        ("Europe/London", dt.date(2025, 10, 26), dt.time(1, 30), utc(2025, 10, 26, 0, 30)),
        ("Europe/London", dt.date(2025, 10, 26), dt.time(8), utc(2025, 10, 26, 8)),
        ("America/New_York", dt.date(2025, 3, 9), dt.time(2, 30), utc(2025, 3, 9, 7)),
        ("America/New_York", dt.date(2025, 11, 2), dt.time(1, 30), utc(2025, 11, 2, 5, 30)),
        ("Australia/Lord_Howe", dt.date(2025, 10, 5), dt.time(2, 15), utc(2025, 10, 4, 15, 30)),
        ("Australia/Lord_Howe", dt.date(2025, 4, 6), dt.time(1, 45), utc(2025, 4, 5, 14, 45)),
    ],
)
def test_a_reminder_comes_once_on_the_days_the_clocks_change(
    in_zone, zone, day, check_in_at, expected
):
    person = in_zone(zone)
    plan(person, check_in_by="email", check_in_at=check_in_at)
    # Every minute for three hours around it, the repeated hour included.
    sent = minute_by_minute(
        expected - dt.timedelta(minutes=90), expected + dt.timedelta(minutes=90)
    )
    assert sent == [expected]
    (message,) = mail.outbox
    assert message.subject == "Time for today’s check-in"
    assert SentReminder.objects.get().local_date == day


@pytest.mark.django_db
def test_each_person_is_reminded_at_their_own_local_time(in_zone):
    london = in_zone("Europe/London", "london@example.com")
    new_york = in_zone("America/New_York", "ny@example.com")
    for person in (london, new_york):
        plan(person, check_in_by="email", check_in_at=dt.time(20))
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 20)).sent == 1
    assert [m.to for m in mail.outbox] == [["london@example.com"]]
    assert send_due_reminders(at("America/New_York", 2025, 6, 2, 20)).sent == 1
    assert mail.outbox[1].to == ["ny@example.com"]


@pytest.mark.django_db
def test_the_check_in_e_mail_links_to_the_day_and_to_the_reminders_page(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20))
    result = send_due_reminders(at("Europe/London", 2025, 6, 2, 20))
    assert (result.sent, result.skipped) == (1, 0)
    (message,) = mail.outbox
    assert message.to == ["pat@example.com"]
    assert (
        "http://" in message.body
        and jurl(patient, "check_in_day", dt.date(2025, 6, 2)) in message.body
    )
    assert "/reminders/" in message.body and "stop" in message.body
    claim = SentReminder.objects.get()
    assert (claim.outcome, claim.channel, claim.kind) == ("sent", "email", "check_in")
    assert claim.sent_at is not None


@pytest.mark.django_db
def test_a_reminder_is_not_sent_twice_by_later_passes(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20))
    assert minute_by_minute(
        at("Europe/London", 2025, 6, 2, 19, 58), at("Europe/London", 2025, 6, 2, 21, 30)
    ) == [at("Europe/London", 2025, 6, 2, 20)]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_reminder_more_than_an_hour_late_is_dropped_not_sent_at_night(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20))
    # The server was down from 19:55 until 21:01: nothing is sent, then or later.
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 21, 1)).sent == 0
    assert (
        minute_by_minute(
            at("Europe/London", 2025, 6, 2, 21, 1), at("Europe/London", 2025, 6, 3, 0, 30)
        )
        == []
    )
    assert mail.outbox == [] and not SentReminder.objects.exists()


@pytest.mark.django_db
def test_a_reminder_up_to_an_hour_late_is_still_sent(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(23, 30))
    # Late on the evening before, served just after midnight.
    assert send_due_reminders(at("Europe/London", 2025, 6, 3, 0, 29)).sent == 1
    assert SentReminder.objects.get().local_date == dt.date(2025, 6, 2)


@pytest.mark.django_db
def test_nothing_is_sent_in_quiet_hours_and_it_is_not_held_until_they_end(patient):
    plan(
        patient,
        check_in_by="email",
        check_in_at=dt.time(6, 30),
        quiet_from=dt.time(22),
        quiet_until=dt.time(7),
    )
    result = send_due_reminders(at("Europe/London", 2025, 6, 2, 6, 30))
    assert (result.sent, result.skipped) == (0, 1)
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 7, 5)).sent == 0
    assert mail.outbox == []
    assert SentReminder.objects.get().outcome == "quiet hours"


@pytest.mark.django_db
def test_a_reminder_outside_quiet_hours_is_sent(patient):
    plan(
        patient,
        check_in_by="email",
        check_in_at=dt.time(21),
        quiet_from=dt.time(22),
        quiet_until=dt.time(7),
    )
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 21)).sent == 1


@pytest.mark.django_db
def test_a_pause_holds_every_reminder_through_its_last_day(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20), paused_until=dt.date(2025, 6, 2))
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 20)).skipped == 1
    assert mail.outbox == []
    assert send_due_reminders(at("Europe/London", 2025, 6, 3, 20)).sent == 1


@pytest.mark.django_db
def test_no_check_in_reminder_when_the_check_in_is_done(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20))
    CheckIn.objects.create(patient=patient, date=dt.date(2025, 6, 2))
    result = send_due_reminders(at("Europe/London", 2025, 6, 2, 20))
    assert (result.sent, result.skipped) == (0, 1)
    assert SentReminder.objects.get().outcome == "already done"
    assert mail.outbox == []


@pytest.mark.django_db
def test_each_dose_is_reminded_at_its_time_unless_already_logged(patient):
    baclofen = medicine(patient, times_a_day=2)  # 08:00 and 20:00
    plan(patient, doses_by="email")
    DoseLog.objects.create(
        patient=patient, treatment=baclofen, taken_at=at("Europe/London", 2025, 6, 2, 7, 50)
    )
    morning = send_due_reminders(at("Europe/London", 2025, 6, 2, 8))
    assert (morning.sent, morning.skipped) == (0, 1)  # the first dose is logged
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 20)).sent == 1
    (message,) = mail.outbox
    assert message.subject == "Time for your 20:00 dose"
    assert "Baclofen" not in message.subject + message.body  # no health data
    assert jurl(patient, "dose_log", query=f"treatment={baclofen.pk}") in message.body


@pytest.mark.django_db
def test_a_medicines_own_times_replace_the_spread(patient):
    baclofen = medicine(patient, times_a_day=2)
    for hour in (9, 21):
        DoseTime.objects.create(treatment=baclofen, at=dt.time(hour))
    plan(patient, doses_by="email")
    day = minute_by_minute(
        at("Europe/London", 2025, 6, 2, 7, 30), at("Europe/London", 2025, 6, 2, 9, 30)
    )
    assert day == [at("Europe/London", 2025, 6, 2, 9)]


@pytest.mark.django_db
def test_a_medicine_taken_when_needed_or_stopped_reminds_no_one(patient):
    as_needed = medicine(patient, "Ibuprofen", times_a_day=None)
    medicine(patient, times_a_day=1).stop(on=dt.date(2024, 6, 1), reason="other")
    plan(patient, doses_by="email")
    assert as_needed.pk and send_due_reminders(at("Europe/London", 2025, 6, 2, 8)).sent == 0


@pytest.mark.django_db
def test_not_now_sends_the_reminder_once_more_when_its_time_comes(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20))
    send_due_reminders(at("Europe/London", 2025, 6, 2, 20))
    SentReminder.objects.update(snoozed_until=at("Europe/London", 2025, 6, 2, 21))
    again = minute_by_minute(
        at("Europe/London", 2025, 6, 2, 20, 1), at("Europe/London", 2025, 6, 2, 22)
    )
    assert again == [at("Europe/London", 2025, 6, 2, 21)]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_snoozed_reminder_done_meanwhile_is_not_sent_again(patient):
    plan(patient, check_in_by="email", check_in_at=dt.time(20))
    send_due_reminders(at("Europe/London", 2025, 6, 2, 20))
    SentReminder.objects.update(snoozed_until=at("Europe/London", 2025, 6, 2, 21))
    CheckIn.objects.create(patient=patient, date=dt.date(2025, 6, 2))
    assert send_due_reminders(at("Europe/London", 2025, 6, 2, 21)).skipped == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_nudge_comes_once_on_the_nth_quiet_day_and_is_off_by_default(patient, in_zone):
    patient.date_joined = timezone.now() - dt.timedelta(days=100)
    patient.save()
    make_entry(patient, occurred_at=timezone.now() - dt.timedelta(days=3))
    quiet = in_zone("Europe/London")  # the same journal's silence, but nudge left off
    quiet.date_joined = patient.date_joined
    quiet.save()
    plan(quiet, check_in_by="email", check_in_at=dt.time(3, 33))
    plan(patient, nudge_by="email", nudge_after_days=3)
    today = timezone.now().astimezone(patient.zone).date()
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=patient.zone)
    assert send_due_reminders(noon).sent == 1
    (message,) = mail.outbox
    assert message.to == ["pat@example.com"]
    assert message.subject == "Nothing logged for 3 days: how have you been?"
    tomorrow_noon = noon + dt.timedelta(days=1)
    assert send_due_reminders(tomorrow_noon).sent == 0  # once a quiet spell


@pytest.mark.django_db
def test_a_caregiver_hears_on_monday_morning_that_the_week_is_ready(patient, viewer, revoked):
    plan(viewer, week_by="email")
    plan(revoked, week_by="email")
    plan(patient, week_by="email")  # a patient follows no one's week
    monday = at("UTC", 2025, 6, 2, 9)  # the caregiver's morning, in their own zone
    assert send_due_reminders(monday - dt.timedelta(days=1)).sent == 0  # Sunday
    assert send_due_reminders(monday).sent == 1
    (message,) = mail.outbox
    assert message.to == ["viewer@example.com"]
    assert message.subject == "Pat’s week is ready to review"
    assert jurl(patient, "week_of", dt.date(2025, 5, 26)) in message.body


@pytest.mark.django_db
def test_a_push_reminder_no_phone_took_is_recorded_and_not_e_mailed(patient):
    plan(patient, check_in_by="push", check_in_at=dt.time(20))
    result = send_due_reminders(at("Europe/London", 2025, 6, 2, 20))
    assert (result.sent, result.skipped) == (0, 1)
    claim = SentReminder.objects.get()
    assert (claim.outcome, claim.sent_at) == ("no device took it", None)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_pass_reads_its_people_in_batches_not_one_by_one(django_user_model):
    def queries_for(count: int) -> int:
        SentReminder.objects.all().delete()
        for n in range(count):
            person = django_user_model.objects.create_user(f"p{count}-{n}@example.com")
            medicine(person)
            plan(person, check_in_by="email", doses_by="email", check_in_at=dt.time(8))
        with CaptureQueriesContext(connection) as captured:
            assert (
                send_due_reminders(at("UTC", 2025, 6, 2, 8)).sent
                == 2 * django_user_model.objects.count()
            )
        return len(captured)

    assert queries_for(2) == queries_for(10)


@pytest.mark.django_db
def test_a_pass_pushing_to_many_phones_stamps_them_in_one_query(
    django_user_model, service, subscribe
):
    def queries_for(count: int) -> int:
        for n in range(count):
            person = django_user_model.objects.create_user(f"p{count}-{n}@example.com")
            plan(person, check_in_by="push", check_in_at=dt.time(8))
            subscribe(person, service.browser())
        with CaptureQueriesContext(connection) as captured:
            assert send_due_reminders(at("UTC", 2025, 6, 2, 8)).sent == count
        ReminderPlan.objects.all().delete()
        return len(captured)

    assert queries_for(2) == queries_for(10)
    assert len(service.received) == 12
    assert not PushSubscription.objects.filter(last_sent_at=None).exists()


@pytest.mark.django_db
def test_one_persons_odd_data_does_not_stop_the_pass(django_user_model, caplog):
    people = [django_user_model.objects.create_user(f"p{n}@example.com") for n in range(3)]
    for person in people:
        plan(person, check_in_by="email", check_in_at=dt.time(8))
    # An address stored before addresses were held to one line: no e-mail can carry it.
    django_user_model.objects.filter(pk=people[1].pk).update(email="p1\n@example.com")
    with pytest.raises(CommandError, match="1 could not be sent"):
        call_command_at(at("UTC", 2025, 6, 2, 8))
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.com", "p2@example.com"]
    failed = SentReminder.objects.get(person=people[1])
    assert failed.outcome == "failed: BadHeaderError" and failed.sent_at is None
    assert any(f"person {people[1].pk}" in r.message for r in caplog.records)


def call_command_at(now: dt.datetime) -> str:
    out = StringIO()
    call_command("send_due_reminders", f"--now={now.isoformat()}", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_says_how_many_were_sent_and_skipped(patient, viewer):
    plan(patient, check_in_by="email", check_in_at=dt.time(8))
    plan(viewer, check_in_by="email", check_in_at=dt.time(8))
    CheckIn.objects.create(patient=viewer, date=dt.date(2025, 6, 2))
    assert call_command_at(at("UTC", 2025, 6, 2, 8)).strip() == "Reminders: 1 sent, 1 skipped."


TWO_PASSES_AT_ONCE = """
import datetime as dt, json, threading
from django.core import mail
from django.db import connection
from django.test import utils
from accounts.models import User
from bench.served import app_env, django_json, manage, throwaway_database
from reminders.models import ReminderPlan, SentReminder
from reminders.schedule import send_due_reminders

utils.setup_test_environment()  # e-mail kept in mail.outbox, shared by the threads
people = [User.objects.create_user(f"p{n}@example.com") for n in range(PEOPLE)]
ReminderPlan.objects.bulk_create(
    ReminderPlan(person=p, check_in_by="email", check_in_at=dt.time(8)) for p in people
)
now = dt.datetime(2025, 6, 2, 8, tzinfo=dt.UTC)
start = threading.Barrier(2)
results = []

def one_pass():
    try:
        start.wait()
        results.append(send_due_reminders(now, batch_size=7))
    finally:
        connection.close()

threads = [threading.Thread(target=one_pass) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({
    "sent": sorted(r.sent for r in results),
    "failed": sum(r.failed for r in results),
    "to": sorted(m.to[0] for m in mail.outbox),
    "claims": SentReminder.objects.filter(outcome="sent").count(),
}))
"""


def test_two_passes_at_once_send_each_reminder_once(tmp_path):
    # Two threads, each with its own connection, against a database file (or a new
    # PostgreSQL database when DATABASE_URL names a server), as two runners would be.
    people = 60
    with throwaway_database(tmp_path) as database_url:
        env = app_env(database_url)
        manage(env, "migrate", "--verbosity", "0")
        outcome = django_json(env, TWO_PASSES_AT_ONCE.replace("PEOPLE", str(people)))
    assert len(outcome["sent"]) == 2 and sum(outcome["sent"]) == people
    assert outcome["failed"] == 0
    assert outcome["to"] == sorted(f"p{n}@example.com" for n in range(people))
    assert outcome["claims"] == people
