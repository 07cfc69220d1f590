from django.urls import path

from analysis import views

# Mounted under j/<journal>/.
urlpatterns = [
    path("triggers/", views.insights, name="insights"),
    path("explore/", views.explore, name="explore"),
    path("treatments/<int:pk>/effect/", views.treatment_effect, name="treatment_effect"),
]
