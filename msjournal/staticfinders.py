"""Serve the plotly.js that the plotly package ships, from our own static files."""

import os
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly.min.js"


def _plotly_package_data() -> Path:
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data"


class PlotlyFinder(BaseFinder):
    """Finds only vendor/plotly.min.js, so collectstatic copies one file, not the package."""

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != PLOTLY_JS:
            return [] if find_all else None
        found = str(_plotly_package_data() / "plotly.min.js")
        return [found] if find_all else found

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=_plotly_package_data())
        storage.prefix = os.path.dirname(PLOTLY_JS)
        yield os.path.basename(PLOTLY_JS), storage
