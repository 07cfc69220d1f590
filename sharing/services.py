import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from sharing.models import Invitation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SentInvitation:
    link: str
    mailed: bool  # False when an address was given but the mail server refused it


def invitation_send(
    *, patient, permission: str, email: str = "", site_url: str = ""
) -> SentInvitation:
    """Issue an invitation; e-mail it when an address is given.

    The link starts with site_url (the address the patient is using), else SITE_URL. A
    mail server that is down or refuses the message leaves the invitation standing: the
    patient is shown its link to pass on another way.
    """
    invitation, token = Invitation.issue(patient=patient, permission=permission, email=email)
    link = (site_url or settings.SITE_URL) + reverse("invitation", args=[token])
    if not email:
        return SentInvitation(link, mailed=False)
    try:
        send_mail(
            subject=f"{patient.name_for_a_header} shares their MS Journal with you",
            message=(
                f"{patient} ({patient.email}) invites you to see their MS Journal"
                f" ({invitation.get_permission_display().lower()}).\n\n"
                f"Open this link to accept; it works once and expires in 7 days:\n{link}\n"
            ),
            from_email=None,
            recipient_list=[email],
        )
    except (smtplib.SMTPException, OSError) as error:
        logger.error("invitation %s: e-mail not sent: %r", invitation.pk, error)
        return SentInvitation(link, mailed=False)
    return SentInvitation(link, mailed=True)
