"""A worker loads the URLs without the heavy libraries: they load with the pages that use
them, so a worker's first request is quick and small."""

import os
import subprocess
import sys

from django.conf import settings

HEAVY = [
    "numpy",
    "scipy",
    "statsmodels",
    "plotly",
    "reportlab",
    "fhir",
    "markdown",
]

LOAD_URLS = f"""
import sys
import django
django.setup()
import msjournal.urls
print(" ".join(sorted(name for name in {HEAVY!r} if name in sys.modules)))
"""


def test_loading_the_urls_imports_none_of_the_heavy_libraries():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "msjournal.settings"}
    done = subprocess.run(
        [sys.executable, "-c", LOAD_URLS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == []
