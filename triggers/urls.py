from django.urls import path

from triggers import effects_views, views

# Mounted under j/<journal>/.
urlpatterns = [
    path("checkin/", views.check_in, name="check_in"),
    path("checkin/<isodate:date>/", views.check_in, name="check_in_day"),
    path("triggers/", views.insights, name="insights"),
    path("triggers/mine/", views.own_triggers, name="own_triggers"),
    path("triggers/mine/<int:pk>/delete/", views.own_trigger_delete, name="own_trigger_delete"),
    path("treatments/<int:pk>/effect/", effects_views.treatment_effect, name="treatment_effect"),
]
