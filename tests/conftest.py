import os
import socket

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, settings

from tests.support.geocoding_server import geocoding_server
from tests.support.makers import ARGON2, PASSWORD, make_entry, medicine

# The fuzz tests' budget. "fast" keeps the everyday run short; HYPOTHESIS_PROFILE=thorough
# searches much longer. The journal built for a test is shared by its examples (they only
# need the pages to answer, not a clean slate), hence the health check left out.
for name, examples in [("fast", 12), ("thorough", 200)]:
    settings.register_profile(
        name,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests that are not about hashing need not wait for it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", ARGON2]


@pytest.fixture(autouse=True)
def fresh_rate_limits(request):
    """Log-in and sign-up limits count in the database's cache table: a test starts with none.

    A rolled-back test leaves nothing behind anyway, but the browser tests commit, and
    flushing the database does not empty the cache table. The page sweep's states share
    one served data set and clear the limits once, when it is built: on PostgreSQL the
    server's own connection cannot see into a state's transaction, and a cache table
    cleared there would stay locked against the server's writes until the state ends.
    """
    if "world" in request.fixturenames:
        yield
        return
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        from django.core.cache import cache

        cache.clear()
    yield


@pytest.fixture(scope="session")
def nowhere():
    """An address on this machine where nothing answers: bound, never listening, so every
    connection to it is refused at once."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{held.getsockname()[1]}"


@pytest.fixture(autouse=True)
def no_weather_from_outside(settings, nowhere):
    """No test reaches the real Open-Meteo: one that wants the weather starts a local
    server speaking its protocol; any other finds the service down."""
    for name in ("WEATHER_ARCHIVE_URL", "WEATHER_FORECAST_URL", "WEATHER_GEOCODING_URL"):
        setattr(settings, name, f"{nowhere}/{name.lower()}")


@pytest.fixture
def geocoder(settings):
    """Open-Meteo's geocoding search, on this machine, where the app looks for it."""
    with geocoding_server() as service:
        settings.WEATHER_GEOCODING_URL = service.url
        yield service


@pytest.fixture
def patient(django_user_model):
    return django_user_model.objects.create_user(
        "pat@example.com", PASSWORD, display_name="Pat", time_zone="Europe/London"
    )


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user("stranger@example.com", PASSWORD)


@pytest.fixture
def patient_client(client, patient):
    client.force_login(patient)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client


@pytest.fixture
def spasm(patient):
    return make_entry(
        patient, severity=6, regions=["left_leg", "right_leg"], notes="after the bath"
    )


@pytest.fixture
def pain(patient):
    return make_entry(
        patient, kind="pain", severity=4, regions=["left_foot"], sensations=["burning"]
    )


@pytest.fixture
def viewer(django_user_model, patient):
    """A caregiver who may look at the patient's journal."""
    from sharing.models import CareAccess

    user = django_user_model.objects.create_user("viewer@example.com", PASSWORD, display_name="Vic")
    CareAccess.objects.create(patient=patient, caregiver=user, permission="view")
    return user


@pytest.fixture
def logger(django_user_model, patient):
    """A caregiver who may look at the patient's journal and log for them."""
    from sharing.models import CareAccess

    user = django_user_model.objects.create_user(
        "logger@example.com", PASSWORD, display_name="Anna"
    )
    CareAccess.objects.create(patient=patient, caregiver=user, permission="log")
    return user


@pytest.fixture
def revoked(django_user_model, patient):
    """A caregiver whose access the patient took back."""
    from sharing.models import CareAccess

    user = django_user_model.objects.create_user("revoked@example.com", PASSWORD)
    CareAccess.objects.create(
        patient=patient, caregiver=user, permission="log", revoked_at=timezone.now()
    )
    return user


@pytest.fixture
def world(patient, viewer, logger, revoked, stranger):
    """Everyone and something of each kind, for the sweeps over every journal URL."""
    from clinician.models import ClinicianLink, LinkRule
    from health.models import HealthImport
    from sharing.models import CareAccess, Invitation
    from treatments.models import DoseLog
    from triggers.models import OwnTrigger

    entry = make_entry(patient)
    pain = make_entry(patient, kind="pain", regions=["neck"])
    trigger = OwnTrigger.objects.create(patient=patient, name="Coffee")
    treatment = medicine(patient, times_a_day=None)
    dose = DoseLog.objects.create(patient=patient, treatment=treatment)
    invitation, _ = Invitation.issue(patient=patient, permission="view")
    access = CareAccess.objects.get(caregiver=viewer)
    health_import = HealthImport.objects.create(patient=patient, file_name="export.zip")
    # The people who care for the patient may make clinician links, as their access allows.
    LinkRule.objects.create(patient=patient, caregivers_may_make=True)
    today = patient.today()
    link, _ = ClinicianLink.issue(
        patient=patient, made_by=patient, first=today, last=today, lifetime="week"
    )
    return {
        "owner": patient,
        "viewer": viewer,
        "logger": logger,
        "revoked": revoked,
        "stranger": stranger,
        "anonymous": None,
        "pk": {
            "pain_more": pain.pk,
            "own_trigger_delete": trigger.pk,
            "access_permission": access.pk,
            "access_revoke": access.pk,
            "invitation_withdraw": invitation.pk,
            "treatment_effect": treatment.pk,
            "treatment_dose": treatment.pk,
            "treatment_stop": treatment.pk,
            "side_effect_add": treatment.pk,
            "dose_delete": dose.pk,
            "health_progress": health_import.pk,
            "clinician_link_revoke": link.pk,
        },
        "entry": entry,
    }
