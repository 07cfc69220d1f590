import datetime as dt

from django.db import transaction

from treatments.models import Treatment
from treatments.services import side_effect_answer
from triggers.models import CheckIn, OwnTrigger, TagAnswer


@transaction.atomic
def check_in_save(
    *,
    patient,
    date: dt.date,
    fields: dict,
    tags: dict[OwnTrigger, bool | None],
    side_effects: dict[Treatment, tuple[str, str]] | None = None,
) -> CheckIn:
    """Create or update the day's check-in; a tag left unanswered is not recorded, nor is
    a side-effect question."""
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
    for treatment, (severity, what) in (side_effects or {}).items():
        side_effect_answer(treatment=treatment, date=date, severity=severity, what=what)
    return check_in
