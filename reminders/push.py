"""Web Push from our own server: the one module that talks to the browsers' push services.

A notification is a POST to the address the person's browser gave us (RFC 8030), its
body encrypted with that browser's keys (RFC 8291, aes128gcm) and signed with the
server's VAPID key (RFC 8292), through pywebpush. What leaves the server is an encrypted
notification with no health data in it, to the push service of the person's own browser.

The address comes from the browser, so from the person: the server posts only to https
hosts on PUSH_SERVICE_HOSTS (loopback may be plain http, for tests), checks that before
any connection is opened, and never follows a redirect, so nothing a user sends can make
it call any other address, its own network's least of all.
"""

import base64
import ipaddress
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from py_vapid import Vapid
from pywebpush import WebPushException, webpush
from requests.adapters import HTTPAdapter
from urllib3.util import Retry, parse_url

from reminders.models import Kind, PushSubscription
from reminders.tokens import action_token

log = logging.getLogger(__name__)

# A reminder is worth showing within the hour it is due; later, the push service may
# drop it rather than wake the phone at night with a stale one.
TIME_TO_LIVE = 60 * 60
# What the phone should wake for (RFC 8030 section 5.3): a dose or the check-in at its
# time, the rest when convenient.
URGENCY = {Kind.DOSE: "high", Kind.CHECK_IN: "high"}
TIMEOUT = (5, 10)  # seconds to connect, seconds to answer
# The push service has forgotten this browser: unsubscribed, or the app removed.
GONE = {404, 410}


# ---- The server's VAPID key pair ------------------------------------------------------


def application_server_key() -> str:
    """The public key a browser subscribes with (PushManager.subscribe's
    applicationServerKey): the uncompressed P-256 point, base64url without padding."""
    return _public_key_of(_vapid())


def _vapid() -> Vapid:
    return _load_vapid(
        settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY, str(settings.VAPID_KEY_FILE)
    )


@lru_cache(maxsize=4)
def _load_vapid(private_key: str, public_key: str, key_file: str) -> Vapid:
    if private_key:
        vapid = _vapid_from_text(private_key)
    elif public_key:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY is set without VAPID_PRIVATE_KEY")
    else:
        vapid = _vapid_from_text(_kept_private_key(Path(key_file)))
    if public_key and public_key.rstrip("=") != _public_key_of(vapid):
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY")
    return vapid


def _vapid_from_text(text: str) -> Vapid:
    try:
        if "-----BEGIN" in text:
            return Vapid.from_pem(text.strip().encode())
        return Vapid.from_string(text.strip())
    except Exception as exc:  # any shape of bad key: say which setting, not a traceback
        raise ImproperlyConfigured(
            "VAPID_PRIVATE_KEY (or the key file) is not a P-256 private key (base64url or PEM)"
        ) from exc


def _kept_private_key(path: Path) -> str:
    """The key pair made once and kept in a file, as `make run` keeps .secret_key.

    Written under a temporary name and linked into place, so two processes starting at
    once keep whichever came first and both use it.
    """
    if not path.exists():
        vapid = Vapid()
        vapid.generate_keys()
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")
        try:
            with os.fdopen(fd, "wb") as f:  # mkstemp makes it readable by its owner only
                f.write(vapid.private_pem())
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text()


def _public_key_of(vapid: Vapid) -> str:
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ---- Which addresses the server may post to -------------------------------------------


def is_allowed_endpoint(endpoint: str) -> bool:
    """Whether the server may post to this address: https (plain http only on loopback),
    no user name or password in it, and its host and port on PUSH_SERVICE_HOSTS.

    An entry without a port allows the scheme's own port only; "*.example.com" allows
    any name under example.com (not example.com itself).
    """
    target = _target(endpoint)
    if target is None:
        return False
    scheme, host, port = target
    if scheme == "http" and not _is_loopback(host):
        return False
    default_port = 443 if scheme == "https" else 80
    for entry in settings.PUSH_SERVICE_HOSTS:
        entry_host, entry_port = _entry(entry)
        if port != (entry_port or default_port):
            continue
        if entry_host.startswith("*.") and host.endswith(entry_host[1:]):
            return True
        if host == entry_host:
            return True
    return False


def _target(endpoint: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) the request would go to, or None if the address is odd in
    any way two URL parsers might read differently."""
    if not isinstance(endpoint, str) or len(endpoint) > 1000:
        return None
    if any(c.isspace() or c in "\\#" or not c.isprintable() for c in endpoint):
        return None
    try:
        parts = urlsplit(endpoint)
        port = parts.port
        theirs = parse_url(endpoint)  # what requests itself will connect to
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or "@" in parts.netloc or not parts.hostname:
        return None
    host = parts.hostname.rstrip(".")
    port = port or (443 if parts.scheme == "https" else 80)
    if (theirs.host or "").strip("[]").rstrip(".").lower() != host or (theirs.port or port) != port:
        return None
    return parts.scheme, host, port


def _entry(entry: str) -> tuple[str, int | None]:
    parts = urlsplit("//" + entry.strip().lower())
    try:
        return (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        raise ImproperlyConfigured(
            f"PUSH_SERVICE_HOSTS: {entry!r} is not host or host:port"
        ) from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ---- Sending --------------------------------------------------------------------------


class _NoRedirects(requests.Session):
    """A push service answers a push itself; a redirect could only lead elsewhere."""

    def __init__(self):
        super().__init__()
        self.trust_env = False  # no proxy or .netrc from the environment
        # A connection refused or a service busy for a moment is tried twice more, soon;
        # an answer that never came is not, as the push may have been taken.
        retry = Retry(
            total=2,
            connect=2,
            read=0,
            redirect=0,
            status=2,
            status_forcelist=(502, 503, 504),
            allowed_methods=None,
            backoff_factor=0.2,
            raise_on_status=False,
            respect_retry_after_header=False,
        )
        self.mount("https://", HTTPAdapter(max_retries=retry))
        self.mount("http://", HTTPAdapter(max_retries=retry))

    def request(self, *args, **kwargs):
        kwargs["allow_redirects"] = False
        return super().request(*args, **kwargs)


_local = threading.local()


def _session() -> requests.Session:
    """One session a thread: connections to a push service are kept and reused."""
    if not hasattr(_local, "session"):
        _local.session = _NoRedirects()
    return _local.session


def push_payload(message: dict) -> dict:
    """What the service worker reads (static/js/sw.js): the scheduler's message, and for a
    dose its "Taken" and "Not now" buttons with the signed token that lets them act."""
    payload = {key: message[key] for key in ("title", "body", "url", "tag", "kind")}
    if message["kind"] == Kind.DOSE and message.get("claim") is not None:
        payload["actions"] = [
            {"action": "taken", "title": "Taken", "url": reverse("reminder_taken")},
            {"action": "later", "title": "Not now", "url": reverse("reminder_later")},
        ]
        payload["token"] = action_token(message["claim"])
    return payload


@dataclass
class PushAnswers:
    """What the push services said of which devices: the ones that took a notification
    are stamped last_sent_at, the gone ones (404, 410) forgotten, all in two queries."""

    took: list[int] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)

    def record(self) -> None:
        if self.gone:
            PushSubscription.objects.filter(pk__in=self.gone).delete()
        if self.took:
            PushSubscription.objects.filter(pk__in=self.took).update(last_sent_at=timezone.now())
        self.took, self.gone = [], []


def deliver_push(person, message: dict, *, answers: PushAnswers | None = None) -> int:
    """Send message to each of person's devices; how many push services took it.

    message: {"title", "body", "url", "tag", "kind", "claim"} with no health data in it
    (the scheduler's words: "Time for your 08:00 dose"; only the heat heads-up, asked
    for by name, says that hot days go with worse ones). A device whose push service
    says it is gone (404, 410) is forgotten; one that took it is stamped last_sent_at:
    at once, or, given `answers`, when the caller records them (once for many people).
    Reads person.push_subscriptions, so a caller that prefetched them costs no query.
    """
    subscriptions = list(person.push_subscriptions.all())
    if not subscriptions:
        return 0
    data = json.dumps(push_payload(message), separators=(",", ":"))
    urgency = URGENCY.get(message["kind"], "normal")
    ours = PushAnswers()
    for subscription in subscriptions:
        status = _post(subscription, data, urgency)
        if status in GONE:
            ours.gone.append(subscription.pk)
        elif status is not None and status < 300:
            ours.took.append(subscription.pk)
    took = len(ours.took)
    if answers is None:
        ours.record()
    else:
        answers.took += ours.took
        answers.gone += ours.gone
    return took


def _post(subscription: PushSubscription, data: str, urgency: str) -> int | None:
    """The push service's answer to one notification, or None if none came."""
    if not is_allowed_endpoint(subscription.endpoint):
        log.warning("push: %s is not on PUSH_SERVICE_HOSTS, not sent", _host(subscription))
        return None
    try:
        response = webpush(
            subscription_info=subscription.subscription_info,
            data=data,
            vapid_private_key=_vapid(),
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=TIME_TO_LIVE,
            headers={"Urgency": urgency},
            timeout=TIMEOUT,
            requests_session=_session(),
        )
        return response.status_code
    except WebPushException as exc:
        if exc.status_code not in GONE:
            log.warning("push: %s answered %s", _host(subscription), exc.status_code)
        return exc.status_code
    except requests.RequestException as exc:
        log.warning("push: %s did not answer: %s", _host(subscription), type(exc).__name__)
        return None


def _host(subscription: PushSubscription) -> str:
    """The push service's name, for the log: the rest of the address identifies a browser."""
    return urlsplit(subscription.endpoint).netloc
