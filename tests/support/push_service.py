"""A push service on 127.0.0.1 speaking RFC 8030, and browsers that subscribe to it.

What a browser's push service does with the server's POST, for real: it checks the VAPID
Authorization header (RFC 8292: "vapid t=<JWT>,k=<key>", an ES256 signature by that key,
aud the endpoint's origin, exp within 24 hours, a sub to write to) and keeps the body,
which only the subscribing browser can read: each `Browser` holds a real P-256 key pair
and auth secret, as a browser does, and decrypts what reached it (RFC 8291, aes128gcm).
It answers 201 Created, or 404/410 for an endpoint it is told is gone.

`connections()` watches every TCP connection the process opens, so a test can say an
address was never reached, not merely that nothing came of it.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import secrets
import sys
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from tests.support.serving import serving


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """One browser's subscription: its own key pair and auth secret, as PushManager makes."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = secrets.token_bytes(16)

    def to_json(self) -> dict:
        """What PushSubscription.toJSON() gives the page."""
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": b64url(public), "auth": b64url(self.auth)},
        }

    def decrypt(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


@dataclass
class Push:
    """One notification the service took: for which browser, what it said, and how."""

    browser: Browser
    payload: dict
    headers: dict
    claims: dict
    body: bytes  # as it crossed the network


@dataclass
class PushService:
    host: str = "127.0.0.1"
    port: int = 0
    browsers: dict[str, Browser] = field(default_factory=dict)
    received: list[Push] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # why a request was not taken
    hits: list[str] = field(default_factory=list)  # the path of every request that came
    _ids = itertools.count(1)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def allow_entry(self) -> str:
        """This service as a PUSH_SERVICE_HOSTS entry."""
        return f"{self.host}:{self.port}"

    def browser(self) -> Browser:
        """A new browser subscribed with this service."""
        browser = Browser(f"{self.origin}/push/{next(self._ids)}-{secrets.token_urlsafe(8)}")
        self.browsers[urlsplit(browser.endpoint).path] = browser
        return browser

    def answer(self, browser: Browser, status: int) -> None:
        """From now on answer this status for the browser (404, 410: it is gone)."""
        self.answers[urlsplit(browser.endpoint).path] = status

    def payloads_for(self, browser: Browser) -> list[dict]:
        return [push.payload for push in self.received if push.browser is browser]

    def take(self, path: str, headers: dict, body: bytes) -> int:
        self.hits.append(path)
        browser = self.browsers.get(path)
        if browser is None:
            return 404
        if path in self.answers:
            return self.answers[path]
        try:
            claims = verified_vapid(headers, audience=self.origin)
            for name in ("TTL", "Urgency"):
                if name.lower() not in headers:
                    raise ValueError(f"no {name} header")
            if headers.get("content-encoding") != "aes128gcm":
                raise ValueError("not aes128gcm")
            payload = browser.decrypt(body)
        except Exception as exc:  # anything wrong is the sender's fault: 400, and why
            self.refused.append(f"{type(exc).__name__}: {exc}")
            return 400
        self.received.append(Push(browser, payload, headers, claims, body))
        return 201


def verified_vapid(headers: dict, *, audience: str) -> dict:
    """The JWT claims of a valid `Authorization: vapid t=…,k=…`; ValueError otherwise."""
    scheme, _, params = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"not a vapid Authorization: {scheme!r}")
    parts = dict(p.strip().split("=", 1) for p in params.split(","))
    header_b64, claims_b64, signature_b64 = parts["t"].split(".")
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
    header = json.loads(unb64url(header_b64))
    if header.get("alg") != "ES256":
        raise ValueError(f"JWT alg {header.get('alg')!r}, not ES256")
    signature = unb64url(signature_b64)
    if len(signature) != 64:
        raise ValueError("ES256 signature is not 64 bytes")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        key.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise ValueError("the JWT's signature is not the key's") from None
    claims = json.loads(unb64url(claims_b64))
    if claims.get("aud") != audience:
        raise ValueError(f"aud {claims.get('aud')!r}, not {audience!r}")
    if not time.time() < claims.get("exp", 0) <= time.time() + 24 * 3600:
        raise ValueError("exp not within the next 24 hours")
    if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
        raise ValueError("no sub to write to")
    claims["k"] = parts["k"]
    return claims


class _Handler(BaseHTTPRequestHandler):
    service: PushService

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        headers = {k.lower(): v for k, v in self.headers.items()}
        status = self.server.service.take(urlsplit(self.path).path, headers, body)
        self.send_response(status)
        if status == 201:
            self.send_header("Location", f"{self.server.service.origin}/message/1")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # quiet
        pass


@contextlib.contextmanager
def push_service(service: PushService | None = None):
    """A push service (a new PushService unless given one) listening on 127.0.0.1 for
    the duration."""
    service = service or PushService()
    with serving(_Handler, service) as server:
        service.port = server.server_address[1]
        yield service


class _Redirector(BaseHTTPRequestHandler):
    """Answers every POST with a redirect to `location`."""

    def do_POST(self):
        self.send_response(307)
        self.send_header("Location", self.server.service)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def redirecting_to(location: str):
    """A server on 127.0.0.1 that redirects every POST to location; yields its origin."""
    with serving(_Redirector, location) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


# ---- Every connection the process opens -----------------------------------------------

_watchers: list[list] = []


def _audit(event: str, args: tuple) -> None:
    if event == "socket.connect" and _watchers:
        for seen in _watchers:
            seen.append(args[1])


_hooked = False


@contextlib.contextmanager
def connections():
    """Yields a list that fills with the address of every socket.connect in the process
    (a Python audit event, so no library can go round it) until the block ends."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)  # audit hooks cannot be removed: one for the session
        _hooked = True
    seen: list = []
    _watchers.append(seen)
    try:
        yield seen
    finally:
        _watchers.remove(seen)
