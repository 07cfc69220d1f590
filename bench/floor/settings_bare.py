"""The bare floor: a Django project with no middleware and one model, on the app's database."""

from msjournal.settings import BASE_DIR, DATABASES, SECRET_KEY  # noqa: F401

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "bench.floor.apps.FloorConfig"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.floor.urls_bare"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
    }
]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
