from django.urls import path

from clinician import shared, views

# Mounted under j/<journal>/: the patient's (and allowed caregivers') pages.
journal_urlpatterns = [
    path("summary/links/", views.links, name="clinician_links"),
    path("summary/links/<int:pk>/revoke/", views.link_revoke, name="clinician_link_revoke"),
    path("summary/links/who/", views.link_rule, name="clinician_link_rule"),
]

# What a link opens, for someone with no account.
urlpatterns = [
    path("c/<str:token>/", shared.shared, name="clinician_shared"),
    path("c/<str:token>/summary.pdf", shared.shared_pdf, name="clinician_shared_pdf"),
    path("c/<str:token>/summary.fhir.json", shared.shared_fhir, name="clinician_shared_fhir"),
]
