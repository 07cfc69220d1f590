from django.urls import path

from transfers import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
]
