"""Writing an import that passed every check: a fixed number of bulk queries, whatever
the number of rows (inserts go in the batches the database allows)."""

from __future__ import annotations

from django.utils import timezone

from symptoms.models import Entry
from triggers.models import CheckIn, OwnTrigger, TagAnswer


def content_key(kind, occurred_at, severity, regions, notes) -> tuple:
    """What a row without an id is matched on: entries that look alike are the same."""
    return (kind, occurred_at, severity, tuple(sorted(regions)), notes)


def write_entries(patient, entries: list[tuple[Entry, bool]], summary) -> None:
    """Add the entries the journal does not have yet: by id where the row has one,
    otherwise by content."""
    existing = Entry.objects.for_patient(patient).values_list(
        "uuid", "kind", "occurred_at", "severity", "regions", "notes"
    )
    ids, keys = set(), set()
    for uuid, *content in existing:
        ids.add(uuid)
        keys.add(content_key(*content))
    new = []
    for entry, has_id in entries:
        key = content_key(entry.kind, entry.occurred_at, entry.severity, entry.regions, entry.notes)
        if (entry.uuid in ids) if has_id else (key in keys):
            summary.entries_already_there += 1
            continue
        ids.add(entry.uuid)
        keys.add(key)
        new.append(entry)
    Entry.objects.bulk_create(new)
    summary.entries_added = len(new)


def _add_triggers(patient, names: list[str], summary) -> dict[str, OwnTrigger]:
    """The patient's own triggers by lower-case name, with any new ones from the file."""
    triggers = {t.name.lower(): t for t in OwnTrigger.objects.for_patient(patient)}
    new = [OwnTrigger(patient=patient, name=name) for name in names if name.lower() not in triggers]
    OwnTrigger.objects.bulk_create(new)
    triggers.update({t.name.lower(): t for t in new})
    summary.triggers_added = [t.name for t in new]
    return triggers


def write_days(patient, days, tag_names: list[str], summary) -> None:
    """Add new days, fill in existing ones; an empty cell never erases what is there."""
    triggers = _add_triggers(patient, tag_names, summary)
    existing = {
        c.date: c for c in CheckIn.objects.for_patient(patient).prefetch_related("tag_answers")
    }
    new, changed, changed_fields, answers = [], [], set(), []
    for parsed, values, tags in days:
        check_in = existing.get(parsed.date)
        if check_in is None:
            new.append(parsed)
            check_in, had, differences = parsed, {}, {}
        else:
            differences = {k: v for k, v in values.items() if getattr(check_in, k) != v}
            for name, value in differences.items():
                setattr(check_in, name, value)
            changed_fields.update(differences)
            had = {a.trigger_id: a.present for a in check_in.tag_answers.all()}
        different = {
            triggers[name.lower()]: present
            for name, present in tags.items()
            if had.get(triggers[name.lower()].pk) != present
        }
        answers += [(check_in, trigger, present) for trigger, present in different.items()]
        if check_in is parsed:
            summary.days_added += 1
        elif differences or different:
            summary.days_updated += 1
            if differences:
                check_in.updated_at = timezone.now()  # bulk_update skips auto_now
                changed.append(check_in)
        else:
            summary.days_already_there += 1
    CheckIn.objects.bulk_create(new)
    if changed:
        CheckIn.objects.bulk_update(changed, [*changed_fields, "updated_at"])
    TagAnswer.objects.bulk_create(
        [TagAnswer(check_in=c, trigger=t, present=p) for c, t, p in answers],
        update_conflicts=True,
        unique_fields=["check_in", "trigger"],
        update_fields=["present"],
    )
