"""Nothing of a journal stays in a browser's or a proxy's cache."""

import pytest
from django.templatetags.static import static
from django.urls import reverse

from tests.support.journal_urls import JOURNAL_URL_IDS, JOURNAL_URLS, build_url, open_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "route", "view"), JOURNAL_URLS, ids=JOURNAL_URL_IDS)
def test_every_journal_page_and_download_is_never_stored(client, world, name, route, view):
    client.force_login(world["owner"])
    response, _ = open_url(client, build_url(route, name, world))
    assert response.status_code in (200, 302)
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_pages_outside_the_journal_are_never_stored_either(client, patient):
    assert "no-store" in client.get(reverse("account_login")).headers["Cache-Control"]
    client.force_login(patient)
    assert "no-store" in client.get(reverse("profile")).headers["Cache-Control"]


def test_static_files_keep_their_long_cache(client):
    response = client.get(static("css/app.css"))
    assert response.status_code == 200
    assert "no-store" not in response.headers["Cache-Control"]
    assert "max-age=315360000" in response.headers["Cache-Control"]
