from django.urls import path

from symptoms import views

# Mounted under j/<journal>/ (see msjournal/urls.py), except `start`.
urlpatterns = [
    path("", views.home, name="home"),
    path("log/spasm/", views.quick_spasm, name="quick_spasm"),
    path("log/spasm/details/", views.spasm_create, name="spasm_create"),
    path("log/pain/", views.pain_create, name="pain_create"),
    path("log/pain/quick/", views.quick_pain, name="quick_pain"),
    path("history/", views.history, name="history"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/more/", views.pain_more, name="pain_more"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
]
