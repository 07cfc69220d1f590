"""The app's URLs and one that fails on the server, to see the server-error page."""

from django.db import OperationalError
from django.urls import path

from msjournal.urls import handler500  # noqa: F401  (the app's own error pages)
from msjournal.urls import urlpatterns as app_urlpatterns


def fail(request):
    raise RuntimeError("a fault on the server, on purpose")


def fail_on_the_database(request):
    # As a template or a library wraps the database's error in one of its own.
    try:
        raise OperationalError("could not connect to server")
    except OperationalError as error:
        raise RuntimeError("while drawing the page") from error


urlpatterns = [
    path("fail/", fail),
    path("fail-on-the-database/", fail_on_the_database),
    *app_urlpatterns,
]
