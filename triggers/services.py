import datetime as dt

from django.db import transaction

from triggers.models import CheckIn, OwnTrigger, TagAnswer


@transaction.atomic
def check_in_save(
    *, patient, date: dt.date, fields: dict, tags: dict[OwnTrigger, bool | None]
) -> CheckIn:
    """Create or update the day's check-in; a tag left unanswered is not recorded."""
    check_in, _ = CheckIn.objects.select_for_update().get_or_create(patient=patient, date=date)
    for name, value in fields.items():
        setattr(
            check_in, name, "" if value is None and name in ("infection", "activity") else value
        )
    check_in.full_clean(exclude=["patient"])
    check_in.save()
    for trigger, present in tags.items():
        if present is None:
            TagAnswer.objects.filter(check_in=check_in, trigger=trigger).delete()
        else:
            TagAnswer.objects.update_or_create(
                check_in=check_in, trigger=trigger, defaults={"present": present}
            )
    return check_in
