import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

# How long a browser or a phone should wait before asking again.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The answer to an exception nobody caught (handler500).

    When the database is down, restarting or full, the error is no bug: the person gets
    a 503 that says to try again shortly, and a phone keeps its tap to send again. Django
    calls this inside its `except` block, so the exception is at hand; catching it in a
    middleware would miss the ones raised by other middleware (reading the session).
    """
    if _database_away(sys.exc_info()[1]):
        return database_unavailable()
    return defaults.server_error(request)


def _database_away(error: BaseException | None) -> bool:
    """Whether the database, not a bug, is behind the error, also when another exception
    was raised from it (a template that failed on its query, say)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def database_unavailable() -> HttpResponse:
    """Drawn without the request's context: its context processors would ask the database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
