from django.urls import path

from triggers import views

# Mounted under j/<journal>/.
urlpatterns = [
    path("checkin/", views.check_in, name="check_in"),
    path("checkin/<isodate:date>/", views.check_in, name="check_in_day"),
    path("triggers/mine/", views.own_triggers, name="own_triggers"),
    path("triggers/mine/<int:pk>/delete/", views.own_trigger_delete, name="own_trigger_delete"),
]
