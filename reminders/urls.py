from django.urls import path

from reminders import push_views, views

urlpatterns = [
    path("reminders/", views.settings_page, name="reminders"),
    path("reminders/push/subscribe/", push_views.push_subscribe, name="push_subscribe"),
    path("reminders/push/test/", push_views.push_test, name="push_test"),
    path("reminders/devices/<int:pk>/remove/", push_views.device_remove, name="push_device_remove"),
    path("reminders/taken/", push_views.reminder_taken, name="reminder_taken"),
    path("reminders/not-now/", push_views.reminder_later, name="reminder_later"),
]
