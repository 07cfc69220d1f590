"""Today's check-in card, for the pages of apps below triggers (the home page) to show
without importing triggers."""

from django import template
from django.utils import timezone

from sharing.access import Journal
from triggers.models import CheckIn

register = template.Library()


@register.inclusion_tag("triggers/check_in.html#card")
def todays_check_in(journal: Journal) -> dict:
    """The card for the journal the view let the viewer open; nobody else's."""
    check_in = (
        CheckIn.objects.for_patient(journal.patient).filter(date=timezone.localdate()).first()
    )
    return {"journal": journal, "check_in": check_in}
