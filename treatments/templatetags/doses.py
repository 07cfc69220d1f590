"""The home page's "Took a dose" card, lent to the page of an app below treatments
without it importing treatments."""

from django import template

from sharing.access import Journal
from treatments.views import dose_card_context

register = template.Library()


@register.inclusion_tag("treatments/dose.html#card")
def took_a_dose(journal: Journal) -> dict:
    """The card for the journal the view let the viewer open; nobody else's."""
    return {"journal": journal, **dose_card_context(journal)}
