"""The pass that sends what is due: one run finds every reminder whose moment has come,
claims it, and sends it.

Why a one-pass command run each minute, not a task queue: a reminder is due at a moment,
it is not a piece of queued work. Each pass asks "what is due now?" of the plans
themselves, so nothing has to be enqueued when a plan changes and nothing goes stale
when it does. The claim row (`SentReminder`, unique per person, reminder and local date)
is written before anything is sent, so any number of runners at once is safe: two
passes on two machines send each reminder once. That leaves nothing for a broker or a
worker pool to do: cron, a systemd timer, or the `run_schedule` loop can drive
`send_due_reminders`, on SQLite as on PostgreSQL.

What reminds, in the person's own zone (reminders/clock.py says when):
- the daily check-in at `check_in_at`, skipped when that day's check-in exists;
- each regular medicine at its times of day (reminders/doses.py); the k-th time of the
  day is skipped once k doses of that medicine are logged that local day;
- "nothing logged for N days" at midday, once a quiet spell, on the N-th day after the
  last day anything (an entry, a check-in, a dose) was logged;
- for a caregiver, each journal they follow: the week just ended, Monday at 09:00;
- the heat heads-up at `heat_at`, when tomorrow's forecast is hot and the person's own
  journal finds heat goes with worse days (reminders/heat.py).

Every due reminder is claimed, sent or not: the claim's outcome says "sent" or why not
(paused, quiet hours, already done, no device took it). A claimed reminder is never tried
again, except once more when "Not now" snoozed it (`snoozed_until`). Each pass reads its
people in batches, with a fixed number of queries a batch, never per person.

Most minutes nothing is due for most people, so a batch first screens its plans by their
own times (and their medicines'): only the people with a reminder due and not yet
claimed, or a snoozed one whose time came, have their check-ins, doses, last entries and
the journals they follow read, and only those with something to send their devices.
The heat heads-up's forecast is read only for the people whose heads-up this pass
claimed, and their trigger report worked out only when that forecast is hot.
"""

import datetime as dt
import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core import mail
from django.db.models import Max, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from lib.batch import for_each_person
from lib.rules import WEEK, week_start
from reminders import clock
from reminders.doses import medicine_times, regular_medicines
from reminders.heat import HeatAhead
from reminders.mail import deliver_mail
from reminders.models import Channel, Kind, ReminderPlan, SentReminder
from reminders.push import PushAnswers, deliver_push
from sharing.models import CareAccess
from symptoms.models import Entry
from treatments.models import DoseLog
from triggers.models import CheckIn

log = logging.getLogger(__name__)

BATCH = 2000
TITLE = "MS Journal"
SENT = "sent"
CHANNEL_OF = {
    Kind.CHECK_IN: "check_in_by",
    Kind.DOSE: "doses_by",
    Kind.NUDGE: "nudge_by",
    Kind.WEEK: "week_by",
    Kind.HEAT: "heat_by",
}


@dataclass
class PassResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0

    def __str__(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return f"{self.sent} sent, {self.skipped} skipped{failed}."


@dataclass(frozen=True)
class Due:
    """A reminder whose moment has come, before it is claimed."""

    kind: str
    key: str
    local_date: dt.date
    due_at: dt.datetime


@dataclass
class Batch:
    """What one batch of people's reminders depend on, read in a fixed number of queries."""

    now: dt.datetime
    check_ins: set[tuple[int, dt.date]] = field(default_factory=set)
    # person -> [(treatment id, its times of day)]
    regular: dict[int, list[tuple[int, list[dt.time]]]] = field(default_factory=dict)
    doses: Counter = field(default_factory=Counter)  # (treatment id, local date) -> count
    last_logged: dict[int, dt.date] = field(default_factory=dict)
    cares_for: dict[int, dict[int, object]] = field(
        default_factory=dict
    )  # -> {patient id: patient}
    claimed: set[tuple] = field(default_factory=set)
    snoozed: set[int] = field(default_factory=set)  # people with a snoozed claim due again
    heat: HeatAhead = field(default_factory=HeatAhead)


def send_due_reminders(now: dt.datetime | None = None, *, batch_size: int = BATCH) -> PassResult:
    """One pass: claim and send every reminder due at `now` (default: this moment)."""
    now = now or timezone.now()
    result = PassResult()
    pass_claim = uuid.uuid4()
    for plans in _plan_batches(batch_size):
        _serve_batch(plans, now, pass_claim, result)
    return result


# All the pass reads of a person: their zone and join date to say when, their journal's
# key and address to say where. A field left out here costs a query a person if read.
PERSON_FIELDS = [
    "time_zone",
    "date_joined",
    "journal_key",
    "email",
    "display_name",
    "heat_threshold_c",
    "temperature_unit",
]


def _plan_batches(size: int):
    anything_on = ~Q(check_in_by="", doses_by="", nudge_by="", week_by="", heat_by="")
    plans = (
        ReminderPlan.objects.filter(anything_on, person__is_active=True)
        .select_related("person")
        .only(
            *(f.name for f in ReminderPlan._meta.concrete_fields),
            *(f"person__{name}" for name in PERSON_FIELDS),
        )
        .order_by("person_id")
    )
    last = 0
    while batch := list(plans.filter(person_id__gt=last)[:size]):
        yield batch
        last = batch[-1].person_id


def _serve_batch(plans: list[ReminderPlan], now: dt.datetime, claim, result: PassResult) -> None:
    batch = Batch(now=now)
    plans = screened(plans, batch)
    load_batch(plans, batch)
    found = for_each_person(
        plans,
        lambda plan: (plan, dues_for(plan, batch)),
        job="Finding due reminders",
        who=lambda plan: f"person {plan.person_id}",
    )
    result.failed += found.failed
    _claim(found.results, batch, claim)
    by_person = {plan.person_id: plan for plan in plans}
    ours = list(SentReminder.objects.filter(person_id__in=by_person, claim=claim))
    batch.heat.load(
        {
            row.person_id: row.local_date + dt.timedelta(days=1)
            for row in ours
            if row.kind == Kind.HEAT
        }
    )
    # deliver_push reads each person's devices from here, not one query a person.
    sending = {row.person_id for row in ours}
    prefetch_related_objects([by_person[person].person for person in sending], "push_subscriptions")
    answers = PushAnswers()
    with mail.get_connection() as connection:
        sent = for_each_person(
            ours,
            lambda row: _send(row, by_person[row.person_id], batch, connection, answers),
            job="Sending a reminder",
            who=lambda row: f"person {row.person_id} ({row.kind} {row.key} {row.local_date})",
        )
    result.sent += sum(1 for outcome in sent.results if outcome == SENT)
    result.skipped += sum(1 for outcome in sent.results if outcome != SENT)
    result.failed += sent.failed
    answers.record()
    _record_outcomes(ours)


def _record_outcomes(rows: list[SentReminder]) -> None:
    """One UPDATE for each outcome and channel, not one a row (bulk_update's CASE per row
    costs more than the sending). A batch's sent reminders share the moment it ended."""
    groups = defaultdict(list)
    for row in rows:
        groups[(row.outcome, row.channel, row.sent_at is not None)].append(row.pk)
    sent_at = timezone.now()
    for (outcome, channel, sent), pks in groups.items():
        SentReminder.objects.filter(pk__in=pks).update(
            outcome=outcome, channel=channel, sent_at=sent_at if sent else None
        )


def _claim(found: list, batch: Batch, claim) -> None:
    """Write a claim row for each new due reminder, and take back the snoozed ones whose
    time came: the database lets one pass have each, whichever writes first."""
    rows = [
        SentReminder(
            person_id=plan.person_id,
            kind=due.kind,
            key=due.key,
            local_date=due.local_date,
            due_at=due.due_at,
            channel=getattr(plan, CHANNEL_OF[due.kind]),
            claim=claim,
        )
        for plan, dues in found
        for due in dues
        if (plan.person_id, due.kind, due.key, due.local_date) not in batch.claimed
    ]
    SentReminder.objects.bulk_create(rows, ignore_conflicts=True)
    # Only the people whose data was read: a claim snoozed since the screen is taken
    # back by the next minute's pass, still within the hour.
    _snoozed_due([plan.person_id for plan, _ in found], batch.now).update(
        snoozed_until=None, claim=claim
    )


def screened(plans: list[ReminderPlan], batch: Batch) -> list[ReminderPlan]:
    """The plans that may have something to do now: a reminder due by the plan's own
    times (and its medicines') and not yet claimed, or a snoozed claim whose time came.
    Reads the batch's claims and medicines; the rest is read for these plans only."""
    ids = [plan.person_id for plan in plans]
    days = {day for plan in plans for day in clock.local_days(batch.now, plan.person.zone)}
    claims = SentReminder.objects.filter(person_id__in=ids, local_date__in=days)
    batch.claimed = set(claims.values_list("person_id", "kind", "key", "local_date"))
    batch.snoozed = set(_snoozed_due(ids, batch.now).values_list("person_id", flat=True))
    _load_regular(batch, [plan.person_id for plan in plans if plan.doses_by])
    return [plan for plan in plans if _may_have_something(plan, batch)]


def _snoozed_due(people: list[int], now: dt.datetime):
    return SentReminder.objects.filter(
        person_id__in=people,
        snoozed_until__lte=now,
        snoozed_until__gte=now - clock.LATE_LIMIT,
    )


def _may_have_something(plan: ReminderPlan, batch: Batch) -> bool:
    if plan.person_id in batch.snoozed:
        return True
    zone = plan.person.zone
    for day in clock.local_days(batch.now, zone):
        for kind, key, at in _timed_moments(plan, batch, day):
            # The week's key here is empty (whose journal is read later): never claimed.
            claimed = (plan.person_id, kind, key, day) in batch.claimed
            if not claimed and clock.is_due(clock.due_moment(day, at, zone), batch.now):
                return True
    return False


def load_batch(plans: list[ReminderPlan], batch: Batch) -> None:
    """Read what these plans' reminders depend on (their medicines are read already)."""
    days = {day for plan in plans for day in clock.local_days(batch.now, plan.person.zone)}
    wanted = lambda channel: [p.person_id for p in plans if getattr(p, channel)]  # noqa: E731
    batch.check_ins = set(
        CheckIn.objects.filter(patient_id__in=wanted("check_in_by"), date__in=days).values_list(
            "patient_id", "date"
        )
    )
    _load_doses(batch, wanted("doses_by"), {p.person_id: p.person.zone for p in plans})
    _load_last_logged(batch, [p for p in plans if p.nudge_by])
    accesses = CareAccess.objects.active().filter(caregiver_id__in=wanted("week_by"))
    for access in accesses.select_related("patient"):
        batch.cares_for.setdefault(access.caregiver_id, {})[access.patient_id] = access.patient


def _load_regular(batch: Batch, people: list[int]) -> None:
    for period in regular_medicines(people):
        batch.regular.setdefault(period.treatment.patient_id, []).append(
            (period.treatment_id, medicine_times(period))
        )


def _load_doses(batch: Batch, people: list[int], zones: dict) -> None:
    # Two local days back covers yesterday in every zone.
    logs = DoseLog.objects.filter(
        patient_id__in=[person for person in people if person in batch.regular],
        taken_at__gte=batch.now - dt.timedelta(days=2),
    )
    for patient_id, treatment_id, taken_at in logs.values_list(
        "patient_id", "treatment_id", "taken_at"
    ):
        batch.doses[(treatment_id, taken_at.astimezone(zones[patient_id]).date())] += 1


def _load_last_logged(batch: Batch, plans: list[ReminderPlan]) -> None:
    ids = [plan.person_id for plan in plans]
    if not ids:
        return
    zones = {plan.person_id: plan.person.zone for plan in plans}
    for plan in plans:  # nothing logged yet: the quiet spell began when they joined
        batch.last_logged[plan.person_id] = plan.person.date_joined.astimezone(
            zones[plan.person_id]
        ).date()
    moments = [
        Entry.objects.filter(patient_id__in=ids)
        .values("patient_id")
        .annotate(last=Max("occurred_at")),
        DoseLog.objects.filter(patient_id__in=ids)
        .values("patient_id")
        .annotate(last=Max("taken_at")),
        CheckIn.objects.filter(patient_id__in=ids).values("patient_id").annotate(last=Max("date")),
    ]
    for rows in moments:
        for row in rows:
            last = row["last"]
            if isinstance(last, dt.datetime):
                last = last.astimezone(zones[row["patient_id"]]).date()
            person = row["patient_id"]
            batch.last_logged[person] = max(batch.last_logged[person], last)


def dues_for(plan: ReminderPlan, batch: Batch) -> list[Due]:
    """The reminders of one person whose moment has come (not yet judged: a paused plan
    or a done check-in still has its reminder claimed, with that outcome)."""
    zone = plan.person.zone
    found = []
    for day in clock.local_days(batch.now, zone):
        for kind, key, at in _moments(plan, batch, day):
            due_at = clock.due_moment(day, at, zone)
            if clock.is_due(due_at, batch.now):
                found.append(Due(kind=kind, key=key, local_date=day, due_at=due_at))
    return found


def _moments(plan: ReminderPlan, batch: Batch, day: dt.date):
    """(kind, key, local time) of each reminder the plan asks for on `day`."""
    person = plan.person_id
    for kind, key, at in _timed_moments(plan, batch, day):
        if kind == Kind.NUDGE:
            last = batch.last_logged.get(person)
            if last is not None and (day - last).days == plan.nudge_after_days:
                yield kind, key, at
        elif kind == Kind.WEEK:
            for patient_id in batch.cares_for.get(person, {}):
                yield Kind.WEEK, str(patient_id), at
        else:
            yield kind, key, at


def _timed_moments(plan: ReminderPlan, batch: Batch, day: dt.date):
    """What _moments yields, from the plan's own times and its medicines', before the
    quiet spell and the journals followed are known: the nudge whatever the spell, the
    week once with no key."""
    if plan.check_in_by:
        yield Kind.CHECK_IN, "", plan.check_in_at
    if plan.doses_by:
        for treatment_id, times in batch.regular.get(plan.person_id, []):
            for at in times:
                yield Kind.DOSE, dose_key(treatment_id, at), at
    if plan.nudge_by:
        yield Kind.NUDGE, "", clock.NUDGE_AT
    if plan.week_by and day.weekday() == 0:
        yield Kind.WEEK, "", clock.WEEK_READY_AT
    if plan.heat_by:
        yield Kind.HEAT, "", plan.heat_at


def dose_key(treatment_id: int, at: dt.time) -> str:
    return f"{treatment_id}@{at:%H:%M}"


def _send(
    row: SentReminder, plan: ReminderPlan, batch: Batch, connection, answers: PushAnswers
) -> str:
    """Send one claimed reminder, or say why not; the outcome is kept on the claim."""
    row.outcome = skip_reason(row, plan, batch) or ""
    if not row.outcome:
        message = message_for(row, plan, batch)
        row.channel = getattr(plan, CHANNEL_OF[row.kind])
        try:
            if row.channel == Channel.PUSH:
                took = deliver_push(plan.person, message, answers=answers)
            else:
                took = deliver_mail(plan.person, message, connection=connection)
        except Exception as exc:
            row.outcome = f"failed: {type(exc).__name__}"[:40]
            raise  # logged with who it was for, and counted as a failure
        row.outcome = SENT if took else "no device took it"
        row.sent_at = timezone.now() if took else None
    return row.outcome


def skip_reason(row: SentReminder, plan: ReminderPlan, batch: Batch) -> str | None:
    """Why a claimed reminder is not sent now, or None to send it."""
    zone = plan.person.zone
    if not getattr(plan, CHANNEL_OF[row.kind]):
        return "turned off"
    if plan.paused_until and row.local_date <= plan.paused_until:
        return "paused"
    quiet = (plan.quiet_from, plan.quiet_until)
    for moment in (row.due_at, batch.now):
        if clock.in_quiet_hours(moment.astimezone(zone).time(), *quiet):
            return "quiet hours"
    if row.kind == Kind.HEAT:
        return batch.heat.why_not(plan.person, row.local_date)
    if _already_done(row, plan, batch):
        return "already done"
    return None


def _already_done(row: SentReminder, plan: ReminderPlan, batch: Batch) -> bool:
    person = row.person_id
    if row.kind == Kind.CHECK_IN:
        return (person, row.local_date) in batch.check_ins
    if row.kind == Kind.DOSE:
        treatment, at = row.key.split("@")
        times = dict(batch.regular.get(person, [])).get(int(treatment))
        if times is None:
            return True  # stopped, or no longer taken regularly
        k = clock.dose_number(times, dt.time.fromisoformat(at))
        return batch.doses[(int(treatment), row.local_date)] >= k
    if row.kind == Kind.NUDGE:
        last = batch.last_logged.get(person)
        return last is None or (row.local_date - last).days < plan.nudge_after_days
    return int(row.key) not in batch.cares_for.get(person, {})  # the week: access revoked


def message_for(row: SentReminder, plan: ReminderPlan, batch: Batch) -> dict:
    """What the notification or e-mail says: the moment, never the journal's content
    (the heat heads-up, asked for, says only that hot days go with worse ones)."""
    journal = plan.person.journal_key
    if row.kind == Kind.CHECK_IN:
        body, url = (
            "Time for today’s check-in",
            reverse("check_in_day", args=[journal, row.local_date]),
        )
    elif row.kind == Kind.DOSE:
        treatment, at = row.key.split("@")
        body = f"Time for your {at} dose"
        url = reverse("dose_log", args=[journal]) + f"?treatment={treatment}"
    elif row.kind == Kind.HEAT:
        body, url = batch.heat.sentence(plan.person), reverse("insights", args=[journal])
    elif row.kind == Kind.NUDGE:
        body = f"Nothing logged for {plan.nudge_after_days} days: how have you been?"
        url = reverse("home", args=[journal])
    else:
        patient = batch.cares_for[row.person_id][int(row.key)]
        body = f"{patient.name_for_a_header}’s week is ready to review"
        start = week_start(row.local_date) - WEEK
        url = reverse("week_of", args=[patient.journal_key, start])
    tag = f"{row.kind}-{row.key}-{row.local_date}" if row.key else f"{row.kind}-{row.local_date}"
    return {"title": TITLE, "body": body, "url": url, "tag": tag, "kind": row.kind, "claim": row.pk}
