"""Every URL pattern of the site, read from the URL configuration itself.

The access sweep and the fuzz test both walk these, so a page added later is covered by
both without anyone listing it.
"""

from django.urls import URLPattern, URLResolver, get_resolver


def url_routes(resolvers=None, prefix=""):
    """(name, route, view) for every URL pattern, the route with its <converter:name> parts."""
    for item in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            yield from url_routes(item.url_patterns, route)
        elif isinstance(item, URLPattern):
            yield item.name, route, item.callback


def is_journal_route(route: str) -> bool:
    return "<slug:journal>" in route


def reachable_routes() -> list:
    """url_routes() without a pattern that an earlier one of the same route shadows
    (the sign-up that knows about invitations stands before allauth's own)."""
    first: dict[str, tuple] = {}
    for name, route, view in url_routes():
        first.setdefault(route, (name, route, view))
    return list(first.values())


JOURNAL_URLS = sorted(r for r in reachable_routes() if is_journal_route(r[1]))
OTHER_URLS = sorted(r for r in reachable_routes() if not is_journal_route(r[1]))
