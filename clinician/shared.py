"""The clinician's side: what a link opens, for whoever holds it, without an account.

Every answer is kept by no cache, indexed by no search engine and sends no referrer
onwards; a link that is wrong, expired, revoked or locked is the same 404 as any address
that does not exist. Each opening goes into the patient's access log."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from clinician.forms import PinForm
from clinician.links import client_address, too_many_tries
from clinician.models import WRONG_PINS_ALLOWED, ClinicianLink
from lib.http import attachment, posted
from sharing.actions import action_code
from sharing.models import AccessLogEntry
from transfers.fhir import bundle_json
from visits.data import visit_summary
from visits.sections import printed

UNLOCKED = "clinician_links_unlocked"


def for_the_clinician(view: Callable) -> Callable:
    """Find the link the token names, within the rate limits; hand the view the link."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        link = ClinicianLink.objects.usable().with_token(token).select_related("patient").first()
        if too_many_tries(client_address(request), link):
            response = render(request, "clinician/too_many.html", status=429)
        elif link is None:
            raise Http404("No such link")
        else:
            # The patient's days, wherever the clinic is.
            timezone.activate(link.patient.zone)
            response = view(request, link, token)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return wrapped


def _unlocked(request: HttpRequest, link: ClinicianLink) -> bool:
    return not link.has_pin or link.pk in request.session.get(UNLOCKED, [])


def _log_opening(request: HttpRequest, link: ClinicianLink) -> None:
    what = action_code(request.resolver_match.url_name, "GET")
    AccessLogEntry.objects.create(patient=link.patient, caregiver=None, what=what)
    link.mark_opened()


@require_http_methods(["GET", "POST"])
@for_the_clinician
def shared(request: HttpRequest, link: ClinicianLink, token: str) -> HttpResponse:
    if not _unlocked(request, link):
        return _pin(request, link)
    _log_opening(request, link)
    summary = visit_summary(link.patient, link.first, link.last)
    context = {**printed(summary), "link": link, "token": token}
    return render(request, "clinician/shared.html", context)


def _pin(request: HttpRequest, link: ClinicianLink) -> HttpResponse:
    """Ask for the PIN; the right one opens the link for this browser."""
    form = PinForm(posted(request))
    if form.is_bound and form.is_valid():
        if link.pin_matches(form.cleaned_data["pin"]):
            request.session[UNLOCKED] = [*request.session.get(UNLOCKED, []), link.pk]
            return redirect(request.path)
        if link.count_wrong_pin():
            form.add_error(
                "pin",
                f"That PIN was wrong {WRONG_PINS_ALLOWED} times, so this link is now locked. "
                "Ask the patient for a new link.",
            )
            return _same_origin(
                render(request, "clinician/pin.html", {"form": form, "locked": True})
            )
        form.add_error(
            "pin", f"That PIN is not right. {link.pins_left} more tries before the link locks."
        )
    return _same_origin(render(request, "clinician/pin.html", {"form": form, "locked": False}))


def _same_origin(response: HttpResponse) -> HttpResponse:
    """The PIN page sends its address to this server only: with no referrer at all the
    browser would send the form's Origin as "null", which the CSRF check refuses."""
    response["Referrer-Policy"] = "same-origin"
    return response


def download(view: Callable) -> Callable:
    """A download of an open link: without its PIN, the PIN page first; each one logged."""

    @wraps(view)
    def wrapped(request: HttpRequest, link: ClinicianLink, token: str) -> HttpResponse:
        if not _unlocked(request, link):
            return redirect("clinician_shared", token)
        _log_opening(request, link)
        return view(request, link)

    return require_safe(for_the_clinician(wrapped))


@download
def shared_pdf(request: HttpRequest, link: ClinicianLink) -> HttpResponse:
    from visits.pdf import summary_pdf  # reportlab loads with the first PDF, not the URLs

    summary = visit_summary(link.patient, link.first, link.last)
    response = HttpResponse(summary_pdf(summary), content_type="application/pdf")
    return attachment(response, f"ms-journal-summary-{link.first}-to-{link.last}.pdf")


@download
def shared_fhir(request: HttpRequest, link: ClinicianLink) -> HttpResponse:
    body = bundle_json(link.patient, link.first, link.last)
    response = StreamingHttpResponse(body, content_type="application/fhir+json")
    return attachment(response, f"ms-journal-{link.first}-to-{link.last}.fhir.json")
