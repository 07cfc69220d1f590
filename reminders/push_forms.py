"""What a browser sends to subscribe, and what a notification's button sends back."""

import base64
import binascii
import json
import re

from cryptography.hazmat.primitives.asymmetric import ec
from django import forms

from lib.forms import TappedAtField
from reminders.push import is_allowed_endpoint
from reminders.tokens import claim_of


def _base64url(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


class SubscriptionForm(forms.Form):
    """A browser's PushSubscription.toJSON(): where its push service takes notifications
    for it, and the keys they are encrypted with."""

    endpoint = forms.CharField(max_length=1000)
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)
    device = forms.CharField(max_length=80, required=False)

    @classmethod
    def from_json(cls, body: bytes, *, user_agent: str) -> "SubscriptionForm":
        """Bound to the JSON a browser posted; ValueError if it is not a subscription's."""
        data = json.loads(body)
        keys = data.get("keys") if isinstance(data, dict) else None
        if not isinstance(keys, dict):
            raise ValueError("not a subscription")
        fields = {"endpoint": data.get("endpoint"), **keys}
        fields = {name: fields.get(name) for name in ("endpoint", "p256dh", "auth")}
        if not all(isinstance(value, str) for value in fields.values()):
            raise ValueError("not a subscription")
        return cls({**fields, "device": device_label(user_agent)})

    def clean_endpoint(self) -> str:
        endpoint = self.cleaned_data["endpoint"]
        if not is_allowed_endpoint(endpoint):
            raise forms.ValidationError(
                "This browser's push service is not one the journal sends notifications "
                "to. Choose e-mail for your reminders instead."
            )
        return endpoint

    def clean_p256dh(self) -> str:
        value = self.cleaned_data["p256dh"]
        raw = _base64url(value)
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw or b"")
        except ValueError:
            raise forms.ValidationError("The browser's key is not a P-256 public key.") from None
        return value

    def clean_auth(self) -> str:
        value = self.cleaned_data["auth"]
        if len(_base64url(value) or b"") != 16:
            raise forms.ValidationError("The browser's secret is not 16 bytes.")
        return value


class ActionForm(forms.Form):
    """A tap on "Taken" or "Not now": the notification's token, and when it was tapped
    (a tap kept on a phone without a connection arrives later)."""

    token = forms.CharField(max_length=200)
    tapped_at = TappedAtField()

    def clean_token(self) -> int:
        claim = claim_of(self.cleaned_data["token"])
        if claim is None:
            raise forms.ValidationError("This notification's button no longer works.")
        return claim


# Told from the User-Agent, so a person can tell their devices apart in the list; the
# first match of each kind wins (Edge and Opera say "Chrome" too, so come first).
BROWSERS = [
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Opera", r"OPR/"),
    ("Samsung Internet", r"SamsungBrowser/"),
    ("Firefox", r"Firefox/|FxiOS/"),
    ("Chrome", r"Chrome/|CriOS/"),
    ("Safari", r"Safari/"),
]
SYSTEMS = [
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("Android", r"Android"),
    ("Windows", r"Windows"),
    ("a Mac", r"Macintosh"),
    ("Linux", r"Linux|X11"),
]


def device_label(user_agent: str) -> str:
    """ "Chrome on Android", "Safari on iPhone", or "A browser"."""
    browser = next((name for name, pattern in BROWSERS if re.search(pattern, user_agent)), "")
    system = next((name for name, pattern in SYSTEMS if re.search(pattern, user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "A browser")
