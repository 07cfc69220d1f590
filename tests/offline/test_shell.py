"""The manifest, the service worker and the offline page: what a phone keeps and installs."""

import json
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

from symptoms.body_map import SPOTS
from symptoms.choices import Region

pytestmark = pytest.mark.django_db


def test_manifest_names_the_app_its_icons_and_the_patients_home(client):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#0b4f8a"
    purposes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert purposes >= {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_service_worker_is_javascript_for_the_whole_site_and_always_revalidated(client):
    response = client.get(reverse("service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert reverse("service_worker") == "/sw.js"


def test_service_worker_keeps_the_hashed_shell_and_the_offline_page(client):
    source = client.get(reverse("service_worker")).content.decode()
    assert json.dumps(staticfiles_storage.url("css/app.css")) in source
    assert json.dumps(staticfiles_storage.url("js/offline.js")) in source
    assert '"/offline/"' in source
    assert 'const VERSION = "' in source


def test_service_worker_version_follows_the_shell(client, monkeypatch):
    from offline import views

    before = client.get(reverse("service_worker")).content.decode().splitlines()[0]
    monkeypatch.setattr(views, "SHELL_FILES", views.SHELL_FILES[:-1])
    after = client.get(reverse("service_worker")).content.decode().splitlines()[0]
    assert before != after


def test_service_worker_version_follows_the_offline_pages_templates(client, settings, tmp_path):
    """A phone keeps the offline page it was given until the worker's version changes."""
    before = client.get(reverse("service_worker")).content.decode().splitlines()[0]
    changed = tmp_path / "offline" / "offline.html"
    changed.parent.mkdir()
    changed.write_text('{% extends "base.html" %}{% block content %}Changed{% endblock %}')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    after = client.get(reverse("service_worker")).content.decode().splitlines()[0]
    assert before != after


def test_offline_page_holds_no_journal_data_even_for_a_logged_in_patient(client, patient):
    client.force_login(patient)
    response = client.get(reverse("offline"))
    html = response.content.decode()
    assert response.status_code == 200
    assert patient.email not in html
    assert patient.journal_key not in html
    assert 'data-region="both_legs"' in html


def test_offline_page_shows_the_body_map_as_a_named_button_for_each_place(client):
    html = client.get(reverse("offline")).content.decode()
    # Buttons, not links: with no connection there is no next step to fetch.
    on_the_map = dict(
        re.findall(
            r'<button type="button" class="spot[^"]*" data-region="(\w+)">.*?'
            r'<span class="visually-hidden">([^<]+)</span></button>',
            html,
        )
    )
    assert on_the_map == {spot.region: Region(spot.region).label for spot in SPOTS}
    assert on_the_map["left_face"] == "Left side of face"
    assert on_the_map["upper_back"] == "Upper back"
    assert "Front: your left is on the right." in html
    # The grid of places stays below the map, under the quick log's heading.
    assert html.index('class="body-views"') < html.index("Or choose from the list")
    assert html.index("Or choose from the list") < html.index('data-region="both_legs"')


@pytest.mark.parametrize("name", ["manifest", "service_worker", "offline"])
def test_offline_views_refuse_posts(client, name):
    assert client.post(reverse(name)).status_code == 405


def test_pages_link_the_manifest_and_allow_the_worker(client, patient):
    client.force_login(patient)
    response = client.get(reverse("home", args=[patient.journal_key]))
    html = response.content.decode()
    assert f'href="{reverse("manifest")}"' in html
    assert 'data-service-worker="/sw.js"' in html
    assert "worker-src 'self'" in response["Content-Security-Policy"]
    assert "manifest-src 'self'" in response["Content-Security-Policy"]
