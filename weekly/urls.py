from django.urls import path

from weekly import views

# Mounted under j/<journal>/.
urlpatterns = [
    path("week/", views.week, name="week"),
    path("week/<isodate:day>/", views.week, name="week_of"),
]
