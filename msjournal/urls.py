from django.urls import include, path, register_converter

from clinician import urls as clinician_urls
from msjournal.converters import IsoDateConverter
from offline import urls as offline_urls
from sharing import urls as sharing_urls
from sharing import views as sharing_views
from symptoms import views as symptoms_views
from transfers import urls as transfers_urls
from upkeep import views as upkeep_views

register_converter(IsoDateConverter, "isodate")

handler500 = "lib.errors.server_error"

# Everything of one patient's journal lives under j/<journal>/, where <journal> is the
# patient's random journal key; sharing.access decides who may open it.
journal_patterns = [
    path("", include("symptoms.urls")),
    path("", include("triggers.urls")),
    path("", include("weather.urls")),
    path("", include("health.urls")),
    path("", include("analysis.urls")),
    path("", include("treatments.urls")),
    path("", include("weekly.urls")),
    path("", include("visits.urls")),
    path("", include(clinician_urls.journal_urlpatterns)),
    path("", include(transfers_urls.journal_urlpatterns)),
    path("", include(sharing_urls.journal_urlpatterns)),
]

urlpatterns = [
    path("", symptoms_views.start, name="start"),
    # Before allauth's own: the sign-up that knows about invitations takes its name.
    path("accounts/signup/", sharing_views.signup, name="account_signup"),
    path("accounts/", include("accounts.urls")),
    path("j/<slug:journal>/", include(journal_patterns)),
    path("", include(transfers_urls.urlpatterns)),
    path("", include(sharing_urls.urlpatterns)),
    path("", include("reminders.urls")),
    path("", include(clinician_urls.urlpatterns)),
    path("", include(offline_urls)),
    # Answered first thing by upkeep.middleware.HealthCheckMiddleware; named here so
    # that everything else finds it by name.
    path("healthz", upkeep_views.healthz, name="healthz"),
]
