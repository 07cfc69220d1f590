from django.urls import path

from transfers import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/guide/", views.import_guide, name="import_guide"),
]
