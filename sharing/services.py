from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from msjournal.text import one_line
from sharing.models import Invitation


def invitation_send(*, patient, permission: str, email: str = "", site_url: str = "") -> str:
    """Issue an invitation; e-mail it when an address is given. Returns the link.

    The link starts with site_url (the address the patient is using), else SITE_URL.
    """
    invitation, token = Invitation.issue(patient=patient, permission=permission, email=email)
    link = (site_url or settings.SITE_URL) + reverse("invitation", args=[token])
    if email:
        send_mail(
            # A name stored before the one-line rule may hold a line break, which a
            # subject cannot.
            subject=f"{one_line(str(patient))} shares their MS Journal with you",
            message=(
                f"{patient} ({patient.email}) invites you to see their MS Journal"
                f" ({invitation.get_permission_display().lower()}).\n\n"
                f"Open this link to accept; it works once and expires in 7 days:\n{link}\n"
            ),
            from_email=None,
            recipient_list=[email],
        )
    return link
