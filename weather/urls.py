from django.urls import path

from weather import views

urlpatterns = [
    path("weather/", views.place, name="weather_place"),
    path("weather/stop/", views.stop, name="weather_stop"),
]
