from django.urls import path

from transfers import views

# Mounted under j/<journal>/.
journal_urlpatterns = [
    path("import/", views.import_page, name="import"),
]
urlpatterns = [
    path("import/guide/", views.import_guide, name="import_guide"),
]
