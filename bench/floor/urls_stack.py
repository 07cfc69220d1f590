from django.urls import include, path

from bench.floor.urls import stack

# The app's own URLs stay, so the log-in page and sessions work as in the app.
urlpatterns = [path("floor/", include(stack)), path("", include("msjournal.urls"))]
