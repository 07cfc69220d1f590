from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sharing.models import CareAccess, Invitation


def invitation_send(*, patient, permission: str, email: str = "", site_url: str = "") -> str:
    """Issue an invitation; e-mail it when an address is given. Returns the link.

    The link starts with site_url (the address the patient is using), else SITE_URL.
    """
    invitation, token = Invitation.issue(patient=patient, permission=permission, email=email)
    link = (site_url or settings.SITE_URL) + reverse("invitation", args=[token])
    if email:
        send_mail(
            subject=f"{patient} shares their MS Journal with you",
            message=(
                f"{patient} ({patient.email}) invites you to see their MS Journal"
                f" ({invitation.get_permission_display().lower()}).\n\n"
                f"Open this link to accept; it works once and expires in 7 days:\n{link}\n"
            ),
            from_email=None,
            recipient_list=[email],
        )
    return link


@transaction.atomic
def invitation_accept(*, invitation: Invitation, caregiver) -> CareAccess:
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = caregiver
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    access = (
        CareAccess.objects.active().filter(patient=invitation.patient, caregiver=caregiver).first()
    )
    if access is not None:
        access.permission = invitation.permission
        access.save(update_fields=["permission"])
        return access
    return CareAccess.objects.create(
        patient=invitation.patient, caregiver=caregiver, permission=invitation.permission
    )
