import pytest

from tests.support.geocoding_server import geocoding_server


@pytest.fixture
def geocoder(settings):
    """Open-Meteo's geocoding search, on this machine, where the app looks for it."""
    with geocoding_server() as service:
        settings.WEATHER_GEOCODING_URL = service.url
        yield service
