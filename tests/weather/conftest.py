import pytest

from tests.support.makers import PASSWORD
from tests.support.open_meteo import open_meteo
from weather.open_meteo import Patience


@pytest.fixture
def provider(settings):
    """Open-Meteo on 127.0.0.1, where the app asks for the weather."""
    with open_meteo() as service:
        settings.WEATHER_ARCHIVE_URL = f"{service.origin}/v1/archive"
        settings.WEATHER_FORECAST_URL = f"{service.origin}/v1/forecast"
        yield service


@pytest.fixture
def patience():
    """Short waits: a provider that does not answer is given up on quickly."""
    return Patience(timeout_s=0.3, attempts=2, backoff_s=0.01)


@pytest.fixture
def person(django_user_model):
    """person(email, zone): a patient living in that zone."""

    def make(email: str, zone: str = "Europe/London"):
        return django_user_model.objects.create_user(email, PASSWORD, time_zone=zone)

    return make
