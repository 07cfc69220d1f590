"""{% load body_map %}: the body map where a page is not a form's field (a quick log's
places, the offline logging page's, the shaded summaries). The form field draws it
through BodyMapWidget."""

from collections.abc import Mapping

from django import template

from symptoms.body_map import VIEWS, body_map_drawing, shaded

register = template.Library()


def _views_to_tap() -> list:
    """Each view with its spots, none of them a form's checkbox."""
    return [(view, [(spot, None) for spot in view.spots]) for view in VIEWS]


@register.inclusion_tag("symptoms/_body_map.html#links")
def body_map_links(href: str) -> dict:
    """Each spot a link to `href` followed by the region's code: the next step of a
    quick log, as the grid's buttons are."""
    return {"views": _views_to_tap(), "href": href} | body_map_drawing()


@register.inclusion_tag("symptoms/_body_map.html#buttons")
def body_map_buttons() -> dict:
    """Each spot a button carrying the region's code (data-region), for a page with no
    server to ask for the next step: the offline logging page, whose script takes it as
    it takes the grid's buttons."""
    return {"views": _views_to_tap()} | body_map_drawing()


@register.inclusion_tag("symptoms/_body_map.html#shaded")
def body_map_shaded(counts: Mapping[str, int], caption: str) -> dict:
    """The body shaded by how often each region was named, and the counts as a table."""
    return {"body": shaded(counts), "caption": caption} | body_map_drawing()
