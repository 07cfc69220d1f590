import datetime as dt
import zoneinfo
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from lib.rules import EntryFact, week_start
from tests.support.makers import jurl, make_entry
from triggers.models import CheckIn
from weekly.digest import send_weekly_digests
from weekly.summary import review

MONDAY = dt.date(2026, 11, 9)


def spasm(day: dt.date, severity=5, regions=("Left leg",), pk=1) -> EntryFact:
    return EntryFact(day, "spasm", severity, regions=regions, id=pk)


def pain(
    day: dt.date, severity=5, pain_type="Nerve pain", new=False, regions=("Left foot",), pk=2
) -> EntryFact:
    return EntryFact(
        day, "pain", severity, pain_type=pain_type, regions=regions, with_new_symptoms=new, id=pk
    )


def test_week_figures_against_the_four_weeks_before():
    before = [spasm(MONDAY - dt.timedelta(days=d)) for d in range(1, 29)]  # one a day
    week = [
        spasm(MONDAY + dt.timedelta(days=d)) for d in range(3) for _ in range(3)
    ]  # three a day, 3 days
    week += [pain(MONDAY, 6), pain(MONDAY + dt.timedelta(days=1), 8)]
    before += [pain(MONDAY - dt.timedelta(days=3), 4)]
    result = review(MONDAY, before + week, {}, today=MONDAY + dt.timedelta(days=6))
    assert [d.spasm_count for d in result.days] == [3, 3, 3, 0, 0, 0, 0]
    assert [d.recorded for d in result.days] == [True, True, True, False, False, False, False]
    spasms, worst_pain = result.changes
    assert spasms.sentence == "Spasms a day: 3.0 this week, up from 1.0 in the 4 weeks before."
    assert (
        worst_pain.sentence
        == "Worst pain (0–10) on days with pain: 7.0 this week, up from 4.0 in the 4 weeks before."
    )
    assert (result.frequency_median, result.frequency_worst) == (3, 3)


def test_possible_relapse_leads_and_mentions_fever_the_day_before():
    tuesday = MONDAY + dt.timedelta(days=1)
    triggers = {MONDAY: {"fever": True, "infection": True, "heat": False}}
    result = review(
        MONDAY, [pain(tuesday, new=True, pk=9)], triggers, today=MONDAY + dt.timedelta(days=6)
    )
    relapse = result.attention[0]
    assert relapse.kind == "relapse" and relapse.entry_id == 9
    assert "Tuesday 10 November" in relapse.text and "tell the neurologist" in relapse.text
    assert "A fever and an infection were recorded that day or the day before" in relapse.text


def test_relapse_without_fever_infection_or_heat_has_no_caveat():
    result = review(MONDAY, [pain(MONDAY, new=True)], {}, today=MONDAY)
    assert "without a true relapse" not in result.attention[0].text


def test_new_kinds_of_pain_and_new_places_need_attention():
    before = [pain(MONDAY - dt.timedelta(days=5), pain_type="Nerve pain", regions=("Left foot",))]
    week = [pain(MONDAY, pain_type="Back, hip or joint ache", regions=("Lower back", "Left foot"))]
    result = review(MONDAY, before + week, {}, today=MONDAY)
    texts = [a.text for a in result.attention]
    assert "A kind of pain not logged in the 4 weeks before: Back, hip or joint ache." in texts
    assert "New places not logged in the 4 weeks before: Lower back." in texts


def test_unrecorded_days_are_listed_but_not_days_still_to_come():
    wednesday = MONDAY + dt.timedelta(days=2)
    result = review(MONDAY, [spasm(MONDAY)], {MONDAY + dt.timedelta(days=1): {}}, today=wednesday)
    (missing,) = [a for a in result.attention if a.kind == "unrecorded"]
    assert missing.text == "1 day not recorded: Wed 11."


@pytest.mark.django_db
def test_a_week_is_monday_to_sunday_in_the_patients_zone(client, patient):
    patient.time_zone = "America/New_York"
    patient.save()
    ny = zoneinfo.ZoneInfo("America/New_York")
    # US clocks went back on Sunday 1 November 2026: that Sunday has 25 hours.
    make_entry(patient, occurred_at=dt.datetime(2026, 11, 1, 23, 30, tzinfo=ny))  # 04:30 UTC Monday
    make_entry(patient, occurred_at=dt.datetime(2026, 11, 2, 0, 15, tzinfo=ny))
    client.force_login(patient)
    week_before = client.get(jurl(patient, "week_of", dt.date(2026, 10, 26))).context["review"]
    week = client.get(jurl(patient, "week_of", dt.date(2026, 11, 2))).context["review"]
    assert [d.spasm_count for d in week_before.days][-1] == 1
    assert [d.spasm_count for d in week.days][0] == 1


@pytest.mark.django_db
def test_any_day_of_a_week_leads_to_its_monday_and_the_future_is_not_there(patient_client, patient):
    response = patient_client.get(jurl(patient, "week_of", dt.date(2026, 11, 12)))
    assert response.url == jurl(patient, "week_of", MONDAY)
    next_year = timezone.localdate() + dt.timedelta(days=365)
    assert patient_client.get(jurl(patient, "week_of", week_start(next_year))).status_code == 404


def heavy_history(patient, weeks: int) -> None:
    """20 entries a day for the given number of weeks up to yesterday, and check-ins."""
    from symptoms.models import Entry

    today = patient.today()
    entries = []
    for days_ago in range(1, weeks * 7 + 1):
        day = today - dt.timedelta(days=days_ago)
        CheckIn.objects.create(patient=patient, date=day, overheated=days_ago % 2 == 0)
        for i in range(20):
            when = dt.datetime.combine(day, dt.time(1 + i % 22), tzinfo=patient.zone)
            entries.append(
                Entry(
                    patient=patient,
                    logged_by=patient,
                    kind="spasm",
                    occurred_at=when,
                    regions=["left_leg"],
                    severity=i % 11,
                )
            )
    Entry.objects.bulk_create(entries)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_weekly_review_takes_the_same_few_queries_however_long_the_history(
    client, patient, logger
):
    from symptoms.models import Entry

    client.force_login(logger)  # a caregiver's look also writes the access log
    url = jurl(patient, "week")
    heavy_history(patient, weeks=1)
    assert Entry.objects.count() == 140
    short = count_queries(client, url)
    Entry.objects.all().delete()
    CheckIn.objects.all().delete()
    heavy_history(patient, weeks=12)
    assert count_queries(client, url) == short <= 12


@pytest.mark.django_db
def test_weekly_digest_goes_to_who_asked_once_a_week(patient, logger, viewer):
    patient.weekly_digest = True
    patient.save()
    logger.weekly_digest = True
    logger.save()
    last_week = week_start(patient.today()) - dt.timedelta(days=7)
    make_entry(
        patient, occurred_at=dt.datetime.combine(last_week, dt.time(10), tzinfo=patient.zone)
    )
    out = StringIO()
    call_command("send_weekly_digests", stdout=out)
    assert out.getvalue().strip() == "2 weekly digests sent."
    assert sorted(m.to[0] for m in mail.outbox) == ["logger@example.com", "pat@example.com"]
    to_anna = next(m for m in mail.outbox if m.to == ["logger@example.com"])
    assert "Pat’s week" in to_anna.subject
    assert "1 spasm on 1 recorded day" in to_anna.body
    assert jurl(patient, "week_of", last_week) in to_anna.body
    assert to_anna.alternatives[0][1] == "text/html"
    call_command("send_weekly_digests", stdout=StringIO())
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_scheduled_digest_comes_in_each_recipients_own_morning(patient, logger):
    # Pat lives in London, Anna (the caregiver) in New York.
    User.objects.filter(pk=logger.pk).update(weekly_digest=True, time_zone="America/New_York")
    User.objects.filter(pk=patient.pk).update(weekly_digest=True)
    make_entry(patient)
    london_seven = timezone.now().astimezone(patient.zone).replace(hour=7, minute=0)
    assert sum(send_weekly_digests(at_hour=7, now=london_seven).results) == 1
    assert [m.to for m in mail.outbox] == [["pat@example.com"]]
    new_york_seven = london_seven.astimezone(zoneinfo.ZoneInfo("America/New_York")).replace(hour=7)
    assert sum(send_weekly_digests(at_hour=7, now=new_york_seven).results) == 1
    assert mail.outbox[1].to == ["logger@example.com"]
    assert sum(send_weekly_digests(at_hour=7, now=london_seven).results) == 0  # once a week


@pytest.mark.django_db
def test_a_revoked_caregiver_gets_no_digest(patient, revoked):
    revoked.weekly_digest = True
    revoked.save()
    make_entry(revoked)  # they keep a journal of their own too
    call_command("send_weekly_digests", stdout=StringIO())
    (own,) = mail.outbox
    assert own.to == ["revoked@example.com"] and own.subject.startswith("Your week")


@pytest.mark.django_db
def test_weekly_page_shows_attention_charts_and_table(patient_client, patient):
    last_week = week_start(patient.today()) - dt.timedelta(days=7)
    make_entry(
        patient,
        kind="pain",
        with_new_symptoms=True,
        occurred_at=dt.datetime.combine(last_week, dt.time(0, 30), tzinfo=patient.zone),
    )
    html = patient_client.get(jurl(patient, "week")).content.decode()
    assert "Possible relapse." in html
    assert 'id="week-spasms"' in html and '<svg class="svg-chart"' in html
    assert "Each day of the week" in html
    assert "plotly" not in html  # drawn on the server: no chart library to download


@pytest.mark.django_db
def test_the_review_opens_on_the_last_complete_week_and_this_week_is_marked_so_far(
    patient_client, patient
):
    this_week = week_start(patient.today())
    response = patient_client.get(jurl(patient, "week"))
    assert response.context["review"].start == this_week - dt.timedelta(days=7)
    assert not response.context["is_this_week"]
    html = response.content.decode()
    assert f'href="{jurl(patient, "week_of", this_week)}"' in html
    assert "This week so far" in html
    current = patient_client.get(jurl(patient, "week_of", this_week))
    assert current.context["is_this_week"]
    assert "so far" in current.content.decode().split("</h1>")[0]


def test_a_short_week_is_compared_per_recorded_day_not_in_totals():
    # Two recorded days with 3 spasms each, against four weeks of 1 a day: the week is
    # "up", though its total (6) is far below the four weeks' (28).
    before = [spasm(MONDAY - dt.timedelta(days=d)) for d in range(1, 29)]
    week = [spasm(MONDAY + dt.timedelta(days=d)) for d in (0, 0, 0, 1, 1, 1)]
    result = review(MONDAY, before + week, {}, today=MONDAY + dt.timedelta(days=1))
    spasms = result.changes[0]
    assert (spasms.this_week, spasms.before) == (3.0, 1.0)
    assert result.spasm_total == 6


@pytest.mark.django_db
def test_a_name_stored_with_a_line_break_still_makes_a_digest_subject(patient, logger):
    User.objects.filter(pk=patient.pk).update(display_name="Pat\nBrown")
    logger.weekly_digest = True
    logger.save()
    make_entry(patient)
    call_command("send_weekly_digests", stdout=StringIO())
    (message,) = mail.outbox
    assert message.subject.startswith("Pat Brown’s week from ")


@pytest.mark.django_db
def test_a_digest_that_fails_for_one_person_is_theirs_alone_and_retried_next_run(
    django_user_model, caplog
):
    people = [
        django_user_model.objects.create_user(f"p{n}@example.com", weekly_digest=True)
        for n in range(3)
    ]
    for person in people:
        make_entry(person)
    middle = people[1]
    # An address stored before addresses were held to one line: no e-mail can carry it.
    django_user_model.objects.filter(pk=middle.pk).update(email="p1\n@example.com")

    out = StringIO()
    with pytest.raises(CommandError, match="1 could not be sent"):
        call_command("send_weekly_digests", stdout=out)
    assert out.getvalue().strip() == "2 weekly digests sent."
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.com", "p2@example.com"]
    (failure,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert f"recipient {middle.pk} " in failure.message and "BadHeaderError" in failure.message

    django_user_model.objects.filter(pk=middle.pk).update(email="p1@example.com")
    call_command("send_weekly_digests", stdout=StringIO())
    assert [m.to[0] for m in mail.outbox[2:]] == ["p1@example.com"]
