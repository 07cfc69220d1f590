"""The stack floor: the floor's two views behind the app's own settings and middleware."""

from msjournal.settings import *  # noqa: F403
from msjournal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.floor.apps.FloorConfig"]
ROOT_URLCONF = "bench.floor.urls_stack"
