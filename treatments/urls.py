from django.urls import path

from treatments import views

# Mounted under j/<journal>/.
urlpatterns = [
    path("treatments/", views.treatment_list, name="treatment_list"),
    path("treatments/add/", views.treatment_add, name="treatment_add"),
    path("treatments/<int:pk>/dose/", views.treatment_dose, name="treatment_dose"),
    path("treatments/<int:pk>/stop/", views.treatment_stop, name="treatment_stop"),
    path("treatments/<int:pk>/side-effect/", views.side_effect_add, name="side_effect_add"),
    path("treatments/took-a-dose/", views.dose_log, name="dose_log"),
    path("treatments/doses/<int:pk>/delete/", views.dose_delete, name="dose_delete"),
]
