"""Pages kept in memory and drawn again only when what they show has changed.

A page is kept under a key that names everything it shows (for a journal page:
`sharing.access.page_key`), including the `journal_stamp` of the people concerned,
which the database renews on every write to their journal (accounts/stamps.py). A
change makes a new key, so an old page is never asked for again; the least recently
used pages make room. Each worker process keeps its own, at most PAGE_CACHE_SIZE pages
(0 keeps none).

A kept page carries the CSRF token it was drawn with; each time it is served, that
token is swapped for a fresh one of this request, as a page drawn now would have.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

# A masked CSRF token as templates write it: in a form's hidden field and htmx's headers.
TOKEN = re.compile(rb'(?:csrfmiddlewaretoken" value="|"X-CSRFToken": ")([A-Za-z0-9]{64})"')

_pages: OrderedDict[Hashable, tuple[bytes, bytes | None, str]] = OrderedDict()
_lock = threading.Lock()


def served(request: HttpRequest, key: Hashable, draw: Callable[[], HttpResponse]) -> HttpResponse:
    """The page kept under `key`, or `draw()`'s, kept for next time if it is a plain page."""
    size = settings.PAGE_CACHE_SIZE
    if not size:
        return draw()
    with _lock:
        kept = _pages.get(key)
        if kept is not None:
            _pages.move_to_end(key)
    if kept is None:
        response = draw()
        if response.status_code == 200 and not response.streaming:
            _keep(key, response, size)
        return response
    body, token, content_type = kept
    if token is not None:
        body = body.replace(token, get_token(request).encode())
    return HttpResponse(body, content_type=content_type)


def _keep(key: Hashable, response: HttpResponse, size: int) -> None:
    found = TOKEN.search(response.content)
    page = (response.content, found and found.group(1), response["Content-Type"])
    with _lock:
        _pages[key] = page
        while len(_pages) > size:
            _pages.popitem(last=False)
