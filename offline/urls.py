from django.urls import path

from offline import views

# At the site root: a service worker controls only the paths below its own.
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline_page, name="offline"),
]
