from django.urls import path

from reminders import views

urlpatterns = [
    path("reminders/", views.settings_page, name="reminders"),
]
