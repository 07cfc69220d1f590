from django.urls import include, path

urlpatterns = [
    path("accounts/", include("accounts.urls")),
    path("", include("symptoms.urls")),
    path("", include("triggers.urls")),
    path("", include("transfers.urls")),
]
