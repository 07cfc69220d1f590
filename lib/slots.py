"""Places on a lower app's page that the apps above it fill.

A page must not name what stands above it (docs/architecture.md), yet the home page shows
today's check-in and each treatment links to its before/after report. So the lower app
declares a slot (`HOME = Slot("symptoms.home")`), an app above it fills the slot in its
`AppConfig.ready()` with a template of its own, and the page shows whatever the slot
holds with `{% load slots %}{% slot "symptoms.home" journal=journal %}`. Fillings show in
the order the apps are installed, which is the order of their floors."""

from collections.abc import Callable
from dataclasses import dataclass

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
SLOTS: dict[str, "Slot"] = {}


def no_more_context(**values) -> dict:
    return {}


@dataclass(frozen=True)
class Filling:
    template: str
    # Given the values the page hands the slot, what else the template needs.
    context: Callable[..., dict]


class Slot:
    def __init__(self, name: str) -> None:
        if name in SLOTS:
            raise ValueError(f"Two slots are named {name!r}.")
        self.name = name
        self.fillings: list[Filling] = []
        SLOTS[name] = self

    def fill(self, template_name: str, context: Callable[..., dict] = no_more_context) -> None:
        filling = Filling(template_name, context)
        # ready() may run again when a test reinstalls the apps; one filling is enough.
        if filling not in self.fillings:
            self.fillings.append(filling)


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str, **values) -> SafeString:
    """Each filling of the slot, drawn as an inclusion tag draws its template: with only
    the values handed to it (and the form's CSRF token), nothing else of the page."""
    if name not in SLOTS:
        raise template.TemplateSyntaxError(f"No app declares a slot named {name!r}.")
    engine = context.template.engine
    drawn = []
    for filling in SLOTS[name].fillings:
        own = context.new({**values, **filling.context(**values)})
        if (csrf_token := context.get("csrf_token")) is not None:
            own["csrf_token"] = csrf_token
        drawn.append(engine.get_template(filling.template).render(own))
    return mark_safe("".join(drawn))
