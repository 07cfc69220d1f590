from urllib.parse import urlsplit

from allauth.account.utils import get_next_redirect_url
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_http_methods, require_POST

from lib.http import posted
from sharing.access import Journal, journal_view
from sharing.forms import InviteForm, PermissionForm
from sharing.models import (
    AccessLogEntry,
    CareAccess,
    Invitation,
    InvitationGone,
    InvitationRefused,
)
from sharing.services import invitation_send

ACCESS_LOG_SHOWN = 100


@require_http_methods(["GET", "POST"])
@journal_view("owner")
def sharing(request: HttpRequest, journal: Journal) -> HttpResponse:
    patient = journal.patient
    form = InviteForm(posted(request), patient=patient)
    if form.is_bound and form.is_valid():
        site_url = request.build_absolute_uri("/").rstrip("/")
        sent = invitation_send(patient=patient, site_url=site_url, **form.cleaned_data)
        request.session["new_invitation_link"] = sent.link
        address = form.cleaned_data["email"]
        if sent.mailed:
            messages.success(request, f"Invitation sent to {address}.")
        elif address:
            messages.warning(
                request,
                f"The e-mail to {address} could not be sent just now. The invitation stands:"
                " copy its link below and send it yourself, or withdraw it and try later.",
            )
        else:
            messages.success(request, "Invitation ready.")
        return redirect("sharing", journal.key)
    context = {
        "form": form,
        "new_link": request.session.pop("new_invitation_link", None),
        "accesses": CareAccess.objects.active().for_patient(patient).select_related("caregiver"),
        "invitations": Invitation.objects.usable().for_patient(patient),
        "log": AccessLogEntry.objects.for_patient(patient).select_related("caregiver")[
            :ACCESS_LOG_SHOWN
        ],
    }
    return render(request, "sharing/sharing.html", context)


def _active_access_or_404(journal: Journal, pk: int) -> CareAccess:
    """A caregiver's current access to this journal; a revoked or foreign one is not there."""
    return get_object_or_404(CareAccess.objects.active().for_patient(journal.patient), pk=pk)


@require_POST
@journal_view("owner")
def access_permission(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    access = _active_access_or_404(journal, pk)
    form = PermissionForm(request.POST)
    if form.is_valid():
        access.change_permission(form.cleaned_data["permission"])
        messages.success(
            request, f"{access.caregiver} can now: {access.get_permission_display().lower()}."
        )
    return redirect("sharing", journal.key)


@require_POST
@journal_view("owner")
def access_revoke(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    access = _active_access_or_404(journal, pk)
    access.revoke()
    messages.success(request, f"{access.caregiver} no longer has access to your journal.")
    return redirect("sharing", journal.key)


@require_POST
@journal_view("owner")
def invitation_withdraw(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.usable().for_patient(journal.patient), pk=pk)
    invitation.withdraw()
    messages.success(request, "Invitation withdrawn: its link no longer works.")
    return redirect("sharing", journal.key)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Whose journal the link opens, then (logged in as the right person) accept it."""
    found = Invitation.objects.usable().with_token(token).select_related("patient").first()
    if found is None:
        return _invitation_gone(request)
    user = request.user
    problem = found.refusal_for(user) if user.is_authenticated else None
    if request.method == "POST" and user.is_authenticated and problem is None:
        try:
            access = found.accept(caregiver=user)
        except InvitationGone:
            # Someone else accepted it a moment ago, or the patient withdrew it.
            return _invitation_gone(request)
        except InvitationRefused as refused:
            problem = str(refused)
        else:
            messages.success(request, f"You can now see {access.patient}’s journal.")
            return redirect(settings.CAREGIVER_WELCOME_URL, access.patient.journal_key)
    # "Not now" leads where logging in does: the project's front door.
    not_now = resolve_url(settings.LOGIN_REDIRECT_URL)
    context = {"invitation": found, "problem": problem, "not_now": not_now}
    return render(request, "sharing/invitation.html", context)


def _invitation_gone(request: HttpRequest) -> HttpResponse:
    return render(request, "sharing/invitation_gone.html", status=404)


def invitation_to_join(request: HttpRequest) -> Invitation | None:
    """The usable invitation that the page's `next` URL opens, if it leads to one.

    A made-up, used, withdrawn or expired link gives None: nothing about it is shown.
    """
    next_url = get_next_redirect_url(request)
    if not next_url:
        return None
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return None
    if match.url_name != "invitation":
        return None
    found = Invitation.objects.usable().with_token(match.kwargs["token"])
    return found.select_related("patient").first()


class InvitedSignupView(SignupView):
    """allauth's sign-up; come from an invitation, it says whose journal the person joins
    and fills in the address the invitation was sent to."""

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_to_join(request)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if self.invitation is not None and self.invitation.email:
            initial["email"] = self.invitation.email
        return initial

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "invitation": self.invitation}


signup = InvitedSignupView.as_view()
