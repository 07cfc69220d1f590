from django.urls import path

from transfers import views

# Mounted under j/<journal>/.
journal_urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("export/journal.zip", views.export_csv, name="export_csv"),
    path("export/journal.fhir.json", views.export_fhir, name="export_fhir"),
]
urlpatterns = [
    path("import/guide/", views.import_guide, name="import_guide"),
]
