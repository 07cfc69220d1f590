"""The pieces that make the journal an installable app that keeps taps offline.

None of these answers holds journal data: the manifest, the service worker and the
offline logging page are the same for everybody, so a phone may keep them.
"""

import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.http import require_safe

from symptoms.choices import QUICK_REGIONS, SEVERITY_BUTTONS

# What the service worker keeps so the offline page draws and works with no connection:
# the app shell only. The report pages' scripts are left out: those pages need a
# connection anyway.
SHELL_FILES = [
    "css/app.css",
    "js/app.js",
    "js/offline.js",
    "django_htmx/htmx-2.min.js",
    "django_htmx/django-htmx.js",
    "img/icon.svg",
    "img/app-192.png",
    "img/app-512.png",
]
# The templates the offline page is drawn from (the page, its frame, the body map).
OFFLINE_PAGE_TEMPLATES = ["offline/offline.html", "base.html", "symptoms/_body_map.html"]
THEME_COLOUR = "#0b4f8a"  # --brand in static/css/app.css
BACKGROUND_COLOUR = "#ffffff"  # --paper


def _icon(name: str, size: int, purpose: str) -> dict:
    return {
        "src": staticfiles_storage.url(name),
        "sizes": f"{size}x{size}",
        "type": "image/png",
        "purpose": purpose,
    }


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: what a phone needs to put the journal on its home screen."""
    data = {
        "name": "MS Journal",
        "short_name": "MS Journal",
        "description": "Log spasms and pain, share them with the people who care for you.",
        "id": "/",
        "start_url": reverse("start"),  # redirects to the person's own journal
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            _icon("img/app-192.png", 192, "any"),
            _icon("img/app-512.png", 512, "any"),
            _icon("img/app-maskable-192.png", 192, "maskable"),
            _icon("img/app-maskable-512.png", 512, "maskable"),
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def shell_urls() -> list[str]:
    """The hashed URLs of the app shell, plus the offline page that uses them."""
    return [staticfiles_storage.url(name) for name in SHELL_FILES] + [reverse("offline")]


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/sw.js, served from the site root so its scope is the whole site.

    Its cache name comes from the hashed file names and the offline page's templates: any
    change to a shell file, the offline page or the worker is a new version, which
    installs beside the old one and then replaces it. The browser checks this script for
    changes on each visit; NoStoreMiddleware's headers (no-cache among them) keep any
    cache from answering in its place.
    """
    with open(finders.find("js/sw.js"), encoding="utf-8") as f:
        source = f.read()
    urls = shell_urls()
    # The offline page is kept too: a change to its templates alone is a new version.
    pages = [get_template(name).template.source for name in OFFLINE_PAGE_TEMPLATES]
    version = hashlib.sha256("\n".join([source, *urls, *pages]).encode()).hexdigest()[:12]
    config = f"const VERSION = {json.dumps(version)};\nconst SHELL = {json.dumps(urls)};\n"
    response = HttpResponse(config + source, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline_page(request: HttpRequest) -> HttpResponse:
    """The logging screen a phone shows when a page cannot load for want of a connection.

    Rendered as for a visitor who is not logged in, whoever asks: the service worker
    keeps it, and nothing of anybody's journal may be kept with it. The page's script
    fills in the journal to log to from what the phone remembered.
    """
    context = {
        "user": AnonymousUser(),
        "quick_regions": QUICK_REGIONS,
        "severities": SEVERITY_BUTTONS,
    }
    return render(request, "offline/offline.html", context)
