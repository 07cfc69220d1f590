"""The rules around a clinician link: who may make one, how often it may be tried, its QR code."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from clinician.models import ClinicianLink, LinkRule, LinkTry
from sharing.access import Journal

# Tries from one address, right or wrong links alike, and tries at one link from anywhere.
TRIES_PER_ADDRESS = (30, dt.timedelta(minutes=10))
TRIES_PER_LINK = (60, dt.timedelta(hours=1))
# Kept this long for the limits to count, then deleted.
TRIES_KEPT = dt.timedelta(days=1)


def may_make_links(journal: Journal) -> bool:
    """The patient always; a caregiver only when the patient lets them."""
    if journal.is_own:
        return True
    return LinkRule.objects.filter(patient=journal.patient, caregivers_may_make=True).exists()


def client_address(request: HttpRequest) -> str:
    """The asking address, hashed: behind the proxy (DJANGO_BEHIND_PROXY=1), the last one
    in the X-Forwarded-For the proxy adds, which the client cannot choose. An IPv6
    address counts as its /64, which one household or phone is given whole."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR")):
        address = forwarded.split(",")[-1].strip()
    try:
        if ipaddress.ip_address(address).version == 6:
            address = str(ipaddress.ip_network(f"{address}/64", strict=False))
    except ValueError:
        pass  # not an address at all: counted as the text it is
    return hashlib.sha256(address.encode()).hexdigest()


def count_try(address: str, link: ClinicianLink | None) -> bool:
    """Count this try; True when it goes past a limit."""
    now = timezone.now()
    most, window = TRIES_PER_ADDRESS
    over = LinkTry.objects.filter(address=address, at__gt=now - window).count() >= most
    if link is not None and not over:
        most, window = TRIES_PER_LINK
        over = LinkTry.objects.filter(link=link, at__gt=now - window).count() >= most
    LinkTry.objects.create(address=address, link=link)
    return over


def delete_spent() -> tuple[int, int]:
    """Delete the links that have expired (revoked and locked ones with them, once their
    time is up) and the tries past counting. Returns (links, tries) deleted."""
    _, links = ClinicianLink.objects.expired().delete()
    tries, _ = LinkTry.objects.filter(at__lt=timezone.now() - TRIES_KEPT).delete()
    return links.get(ClinicianLink._meta.label, 0), tries


def qr_svg(url: str) -> str:
    """The link as a QR code, an SVG element to draw in the page."""
    import segno  # loaded with the first link made, not with the URLs

    code = segno.make_qr(url, error="m")
    return code.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True)
