from bench.floor.urls import bare as urlpatterns  # noqa: F401
