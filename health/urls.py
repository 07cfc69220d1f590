from django.urls import path

from health import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/imports/<int:pk>/", views.progress, name="health_progress"),
    path("health/delete/", views.delete, name="health_delete"),
]
