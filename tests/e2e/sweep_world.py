"""The people and journals the page sweep visits, built once for the whole sweep.

Pat keeps a busy journal: two months of spasms, pain and check-ins that make triggers
stand out, a trigger of her own, a medicine taken as needed whose dose changed, a side
effect, a caregiver (Anna) who may log and has looked often, and an invitation waiting.
Pat has made clinician links, one with a PIN, and lets Anna make them too.
Quinn has a fortnight of even days ("No clear pattern yet") and shares it with Anna,
so Anna is asked which journal to open. Nell has just signed up: everything empty.
"""

import datetime as dt
import random
from decimal import Decimal

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import get_user_model
from django.test import Client

from clinician.models import ClinicianLink, LinkRule
from health.models import HealthImport
from reminders.models import PushSubscription
from sharing.models import AccessLogEntry, CareAccess, Invitation
from symptoms.demo import demo_days, demo_entries
from symptoms.models import Entry
from tests.support.makers import PASSWORD, counted, make_entry
from treatments.services import dose_log_create, side_effect_record, treatment_start
from triggers.demo import demo_check_ins, demo_own_trigger
from triggers.models import CheckIn
from weather.models import Place

LONG_NAME = "Samantha Featherstonehaugh-Montgomery"


def _person(email: str, **fields):
    return get_user_model().objects.create_user(
        email, PASSWORD, time_zone="Europe/London", **fields
    )


def _busy_journal(pat) -> dict:
    today = dt.datetime.now(tz=pat.zone).date()
    rng = random.Random(3)
    story = demo_days(today, 60, rng)
    Entry.objects.bulk_create(demo_entries(pat, story, rng))
    demo_own_trigger(pat, CheckIn.objects.bulk_create(demo_check_ins(pat, story, rng)), rng)
    spasm = make_entry(pat, severity=7, regions=["left_leg", "right_leg"], notes="after a bath")
    pain = make_entry(
        pat,
        kind="pain",
        severity=6,
        regions=["chest_band"],
        sensations=["burning", "ms_hug"],
        with_new_symptoms=True,
    )
    medicine = treatment_start(
        patient=pat,
        name="Baclofen",
        kind="medicine",
        dose=Decimal(10),
        unit="mg",
        schedule="as_needed",
        times_a_day=None,
        started=today - dt.timedelta(days=45),
    )
    medicine.change_dose(dose=Decimal(15), unit="mg", on=today - dt.timedelta(days=20))
    for days_ago in (1, 3, 8):
        taken = dt.datetime.now(tz=pat.zone) - dt.timedelta(days=days_ago)
        dose_log_create(patient=pat, treatment=medicine, reason="spasm", taken_at=taken)
    side_effect_record(
        treatment=medicine, date=today - dt.timedelta(days=2), severity="mild", what="dizziness"
    )
    return {"spasm": spasm, "pain": pain, "treatment": medicine}


def _even_journal(quinn) -> None:
    today = dt.datetime.now(tz=quinn.zone).date()
    for days_ago in range(1, 15):
        day = today - dt.timedelta(days=days_ago)
        CheckIn.objects.create(
            patient=quinn, date=day, overheated=days_ago % 4 == 0, sleep_hours=7, sleep_quality=3
        )
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=quinn.zone)
        make_entry(quinn, occurred_at=noon, severity=4)


def _clinician_links(pat, anna) -> dict:
    """Tokens of a link that opens straight away and of one behind a PIN; beside them in
    Pat's list, one opened, one revoked and one Anna made."""
    LinkRule.objects.create(patient=pat, caregivers_may_make=True)
    today = dt.datetime.now(tz=pat.zone).date()
    days = {"first": today - dt.timedelta(days=59), "last": today}
    opened, _ = ClinicianLink.issue(patient=pat, made_by=pat, lifetime="30days", **days)
    opened.mark_opened()
    revoked, _ = ClinicianLink.issue(patient=pat, made_by=pat, lifetime="day", **days)
    revoked.revoke()
    ClinicianLink.issue(patient=pat, made_by=anna, lifetime="day", **days)
    _, open_token = ClinicianLink.issue(patient=pat, made_by=pat, lifetime="week", **days)
    _, pin_token = ClinicianLink.issue(
        patient=pat, made_by=pat, lifetime="week", pin="2468", **days
    )
    return {"clinician_token": open_token, "clinician_pin_token": pin_token}


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def build_sweep_world() -> dict:
    pat = _person("pat@example.com", display_name="Pat")
    anna = _person("anna@example.com", display_name="Anna")
    quinn = _person("quinn@example.com", display_name=LONG_NAME)
    nell = _person("nell@example.com")
    newcomer = _person("newcomer@example.com")
    things = _busy_journal(pat)
    _even_journal(quinn)
    CareAccess.objects.create(patient=pat, caregiver=anna, permission="log")
    CareAccess.objects.create(patient=quinn, caregiver=anna, permission="view")
    codes = ["quick_spasm:POST", "entry_detail:GET", "week:GET", "summary_pdf:GET"]
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(patient=pat, caregiver=anna, what=codes[i % len(codes)]) for i in range(30)
    )
    _, token = Invitation.issue(patient=pat, permission="log", email="ben@example.com")
    # Pat's phone shows her reminders: the reminders page lists it.
    PushSubscription.objects.create(
        person=pat,
        endpoint="https://fcm.googleapis.com/fcm/send/sweep-pat-phone",
        p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth="tBHItJI5svbpez7KI4CCXg",
        device="Chrome on Android",
    )
    address, _ = EmailAddress.objects.get_or_create(user=newcomer, email=newcomer.email)
    today = dt.datetime.now(tz=pat.zone).date()
    # Pat's weather comes from Leeds, since a move from York: the place page lists both.
    moved = today - dt.timedelta(days=20)
    Place.objects.create(
        patient=pat, latitude=Decimal("54.0"), longitude=Decimal("-1.1"), name="York", until=moved
    )
    Place.objects.create(
        patient=pat,
        latitude=Decimal("53.8"),
        longitude=Decimal("-1.5"),
        name="Leeds, England, United Kingdom",
        since=moved,
        fetched_at=dt.datetime.now(tz=dt.UTC),
    )
    # Pat brought in her phone's export; a second one was not an export at all.
    for n in range(2, 90):
        counted(pat, today - dt.timedelta(days=n), sleep_hours=6 + n % 3, steps=4000 + 97 * n)
    done = HealthImport.objects.create(patient=pat, file_name="export.zip", size=81_234_567)
    done.finish(source="apple_health", message="From Apple Health: sleep for 88 nights.")
    refused = HealthImport.objects.create(patient=pat, file_name="photos.zip", size=1234)
    refused.fail("This zip is not an export we know.")
    things["health_import"] = done
    return {
        "yesterday": today - dt.timedelta(days=1),
        "last_monday": today - dt.timedelta(days=today.weekday() + 7),
        "people": [pat, anna, quinn, nell, newcomer],
        "sessions": {"pat": _session(pat), "anna": _session(anna), "nell": _session(nell)},
        "journal": {"pat": pat.journal_key, "quinn": quinn.journal_key, "nell": nell.journal_key},
        "pk": {name: thing.pk for name, thing in things.items()},
        "invitation_token": token,
        **_clinician_links(pat, anna),
        "confirmation_key": EmailConfirmationHMAC(address).key,
        "reset": _reset_link_parts(newcomer),
    }


def _reset_link_parts(user) -> dict:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    return {"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)}
