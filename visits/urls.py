from django.urls import path

from visits import views

# Mounted under j/<journal>/.
urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("summary/prepare/", views.summary_prepare, name="summary_prepare"),
    path("summary/print/", views.summary_print, name="summary_print"),
    path("summary/pdf/", views.summary_download, name="summary_pdf"),
]
