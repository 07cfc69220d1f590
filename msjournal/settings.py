"""MS Journal settings: one file, read from the environment.

With no environment at all the app runs for one person on a laptop: SQLite in the
project folder, console e-mail, and debug on only when DJANGO_DEBUG=1.
"""

import re
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from msjournal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (make run sets both for you)"
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    # Ours floor by floor, lowest first (docs/architecture.md): what apps lend a lower
    # page (lib.slots) shows in this order.
    "accounts",
    "sharing",
    "symptoms",
    "treatments",
    "triggers",
    "weather",
    "health",
    "analysis",
    "weekly",
    "transfers",
    "visits",
    "reminders",
    "clinician",
    "offline",
    "demo",
    "upkeep",
]

MIDDLEWARE = [
    "upkeep.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "msjournal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "msjournal.middleware.CompressTextMiddleware",
    "msjournal.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.PatientTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "msjournal.urls"
WSGI_APPLICATION = "msjournal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sharing.access.journal_context",
            ],
            "libraries": {"slots": "lib.slots", "body_map": "symptoms.body_map_tags"},
        },
    },
]

FORM_RENDERER = "lib.forms.FormRenderer"

# A SQLite file beside the code unless DATABASE_URL says otherwise
# (postgres://user:pass@host:5432/name switches to PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is tried before a request uses it, so a database restarted
        # overnight costs nobody an error page.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that is down or unreachable is given this many seconds to answer, not the
    # minutes a lost TCP connection can hang: the person gets the "back in a moment"
    # page (lib/errors.py) instead of a spinning phone. ?connect_timeout= in
    # DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer writes; IMMEDIATE takes the write lock
    # at the start of a transaction, so a second writer waits (up to the timeout)
    # instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Where the app is reached, for links in e-mails (invitations, weekly digests).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
# The journal page a caregiver opens on accepting an invitation (given the journal's
# key): named here, above the apps, as sharing/ may not name a page of weekly/.
CAREGIVER_WELCOME_URL = "week"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Accounts (django-allauth): log in with e-mail and password, no usernames.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "add_email": "accounts.forms.AddEmailForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_DISPLAY = str
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory confirmation is what lets sign-up keep quiet about which addresses have an
# account: a taken address gets the same "check your e-mail" page, and its owner a mail.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "MS Journal: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",
    # Five wrong passwords for one address pause its log-in for 15 minutes (a password
    # reset lifts the pause); ten from one connection pause it for a minute.
    "login_failed": "10/m/ip,5/15m/key",
    "signup": "20/m/ip,60/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "MS Journal"
MFA_TOTP_TOLERANCE = 1  # a phone clock half a minute off still works

# The rate limits above count in the cache, which must be one for every app-server
# process, or each worker would count wrong passwords on its own: the database's, whose
# table a migration creates. DJANGO_CACHE_BACKEND/LOCATION can point elsewhere (Redis).
CACHES = {
    "default": {
        "BACKEND": env_str("DJANGO_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": env_str("DJANGO_CACHE_LOCATION", "msjournal_cache"),
    }
}

# Pages each worker keeps in memory until what they show changes (lib/page_cache.py);
# about 5 KB each. 0 draws every page afresh.
PAGE_CACHE_SIZE = env_int("PAGE_CACHE_SIZE", 500)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
USE_I18N = True
USE_TZ = True
# The server's zone only matters for visitors who are not logged in: each patient's
# own zone (profile) is activated per request.
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MS Journal <journal@localhost>")

# Web Push (reminders/push.py). The server's VAPID key pair (RFC 8292) signs every
# notification it sends: VAPID_PRIVATE_KEY (base64url or PEM) and VAPID_PUBLIC_KEY from
# the environment in production; left unset, a pair is made at first use and kept in
# VAPID_KEY_FILE, as `make run` keeps .secret_key. A browser's subscription is tied to the
# public key, so it must not change once phones have subscribed.
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY")
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY")
VAPID_KEY_FILE = Path(env_str("VAPID_KEY_FILE", str(BASE_DIR / ".vapid_key")))
# Who the push services may write to about this server: mailto: or https:.
VAPID_SUBJECT = env_str("VAPID_SUBJECT", f"mailto:{parseaddr(DEFAULT_FROM_EMAIL)[1]}")
if not VAPID_SUBJECT.startswith(("mailto:", "https://")):
    raise ImproperlyConfigured(
        f"VAPID_SUBJECT must start with mailto: or https:// (got {VAPID_SUBJECT!r})"
    )
# The only hosts a notification is ever posted to: the browsers' own push services
# (Chrome, Edge, Firefox, Safari). A browser hands us its endpoint, so without this list
# anyone could make the server post to any address, its own network's included.
# Comma-separated `host` or `host:port` ("*.example.com" for any name under it); a
# loopback entry (127.0.0.1:8088) may be plain http, for tests.
PUSH_SERVICE_HOSTS = env_list(
    "PUSH_SERVICE_HOSTS",
    default=[
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "*.notify.windows.com",
        "web.push.apple.com",
    ],
)
for _entry in PUSH_SERVICE_HOSTS:
    if not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:]+\](:\d{1,5})?", _entry):
        raise ImproperlyConfigured(
            f"PUSH_SERVICE_HOSTS entries are host or host:port, comma-separated (got {_entry!r})"
        )

# run_schedule sends last week's digest when each person's own clock shows this hour.
WEEKLY_DIGEST_HOUR = env_int("WEEKLY_DIGEST_HOUR", 7)
if not 0 <= WEEKLY_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured(f"WEEKLY_DIGEST_HOUR must be 0 to 23 (got {WEEKLY_DIGEST_HOUR})")

# Served over HTTPS (DJANGO_HTTPS=1, or the older DJANGO_SECURE_COOKIES=1): secure cookies,
# HSTS, and a redirect from http:// — unless the proxy in front redirects already
# (DJANGO_SSL_REDIRECT=0). Behind a proxy that terminates TLS, DJANGO_BEHIND_PROXY=1 trusts
# its X-Forwarded-Proto header; the proxy must set (not pass on) that header.
HTTPS = env_bool("DJANGO_HTTPS", default=env_bool("DJANGO_SECURE_COOKIES", default=False))
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=HTTPS)
if HTTPS and not SECURE_SSL_REDIRECT:
    SILENCED_SYSTEM_CHECKS = ["security.W008"]  # the proxy redirects, as configured
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    # The proxy's X-Forwarded-For, whose last address is the one the proxy saw, also
    # tells the clinician links' rate limits who is asking.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # a patient should not have to log in mid-spasm
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "worker-src 'self'; manifest-src 'self'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Text fields are capped so a pasted novel gets a clear message instead of a huge row.
NOTES_MAX_LENGTH = 2000

# Uploads (the import's CSV files, up to 10 MB each: transfers/csv_format.py) stay in
# memory up to 2.5 MB and go to a temporary file beyond that. Form fields other than
# files stay capped at 2.5 MB in all. Django's defaults, written out because the import
# page depends on them.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The tokens of clinician links and invitations never reach the log (lib/log_filters.py).
    "filters": {"mask_tokens": {"()": "lib.log_filters.MaskTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"]},
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}

# Queued work (django-tasks), kept in the app's own database: `manage.py db_worker` runs
# it (`make run` starts one). The weather's backfill and nightly fetch are queued here.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Health exports handed in on the health page wait here, a file each, until the queue's
# worker has read them, and are deleted then. Uploads larger than the limit are refused.
HEALTH_UPLOAD_DIR = env_str("HEALTH_UPLOAD_DIR", str(BASE_DIR / "uploads"))
HEALTH_MAX_UPLOAD_BYTES = 2 * 1024**3

# The weather (weather/open_meteo.py): Open-Meteo's APIs by default, which need no key;
# their free tier is for non-commercial use. A self-hosted Open-Meteo, or a customer
# address of the paid tier, is used by pointing these at it.
WEATHER_ARCHIVE_URL = env_str(
    "WEATHER_ARCHIVE_URL", "https://archive-api.open-meteo.com/v1/archive"
)
WEATHER_FORECAST_URL = env_str("WEATHER_FORECAST_URL", "https://api.open-meteo.com/v1/forecast")
WEATHER_GEOCODING_URL = env_str(
    "WEATHER_GEOCODING_URL", "https://geocoding-api.open-meteo.com/v1/search"
)
for _name in ("WEATHER_ARCHIVE_URL", "WEATHER_FORECAST_URL", "WEATHER_GEOCODING_URL"):
    if not globals()[_name].startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{_name} must be an http(s) address (got {globals()[_name]!r})")
