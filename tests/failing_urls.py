"""The app's URLs and one that fails on the server, to see the server-error page."""

from django.urls import path

from msjournal.urls import urlpatterns as app_urlpatterns


def fail(request):
    raise RuntimeError("a fault on the server, on purpose")


urlpatterns = [path("fail/", fail), *app_urlpatterns]
