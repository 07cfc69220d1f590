"""The clinician's side: what a link opens, for whoever holds it, without an account.

Every answer is kept by no cache, indexed by no search engine and sends no referrer
onwards; a link that is wrong, expired, revoked or locked is the same 404 as any address
that does not exist. A link opens only after a button is pressed (and its PIN typed, if
it has one): a chat app or a mail scanner that fetches the address to preview it sees a
door with no name on it, and is not logged as an opening. Each opening, and each wrong
PIN, goes into the patient's access log."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.defaults import page_not_found

from clinician.forms import PinForm
from clinician.links import client_address, count_try
from clinician.models import WRONG_PINS_ALLOWED, ClinicianLink
from lib.http import attachment, posted
from sharing.models import AccessLogEntry
from transfers.fhir import bundle_json
from visits.data import visit_summary
from visits.models import VisitPrep
from visits.sections import printed

UNLOCKED = "clinician_links_unlocked"


def for_the_clinician(view: Callable) -> Callable:
    """Find the link the token names, within the rate limits; hand the view the link."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        link = ClinicianLink.objects.usable().with_token(token).select_related("patient").first()
        if count_try(client_address(request), link):
            response = render(request, "clinician/too_many.html", status=429)
        elif link is None:
            response = page_not_found(request, Http404("No such link"))
        else:
            # The patient's days, wherever the clinic is.
            timezone.activate(link.patient.zone)
            response = view(request, link, token)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return wrapped


def _unlocked(request: HttpRequest, link: ClinicianLink) -> bool:
    return link.pk in request.session.get(UNLOCKED, [])


def _opened(request: HttpRequest, link: ClinicianLink) -> None:
    """The link opened (its summary or a download): in the patient's log, and on the link."""
    AccessLogEntry.record(request, patient=link.patient)
    link.mark_opened()


def _summary(link: ClinicianLink):
    """The summary of the link's days, with the questions as they were when it was made."""
    prep = VisitPrep(patient=link.patient, questions=link.questions)
    return visit_summary(link.patient, link.first, link.last, prep)


@require_http_methods(["GET", "POST"])
@for_the_clinician
def shared(request: HttpRequest, link: ClinicianLink, token: str) -> HttpResponse:
    if not _unlocked(request, link):
        return _door(request, link)
    _opened(request, link)
    context = {**printed(_summary(link)), "link": link, "token": token}
    return render(request, "clinician/shared.html", context)


def _door(request: HttpRequest, link: ClinicianLink) -> HttpResponse:
    """Before the summary: a button to press, with the PIN if the link has one. Pressed,
    it opens the link for this browser."""
    form = PinForm(posted(request)) if link.has_pin else None
    if request.method == "POST" and (form is None or _pin_accepted(request, link, form)):
        request.session[UNLOCKED] = [*request.session.get(UNLOCKED, []), link.pk]
        return redirect(request.path)
    response = render(request, "clinician/door.html", {"form": form, "link": link})
    # The form's Origin must reach this server for the CSRF check, and only this server.
    response["Referrer-Policy"] = "same-origin"
    return response


def _pin_accepted(request: HttpRequest, link: ClinicianLink, form: PinForm) -> bool:
    """Whether the PIN typed is the link's; a wrong one is logged and said by the field."""
    if not form.is_valid():
        return False
    right = link.try_pin(form.cleaned_data["pin"])
    if right:
        return True
    AccessLogEntry.record(request, patient=link.patient)  # a wrong PIN
    if link.locked_at:
        form.add_error(
            "pin",
            f"That PIN was wrong {WRONG_PINS_ALLOWED} times, so this link is now locked. "
            "Ask the patient for a new link.",
        )
    else:
        left = link.pins_left
        form.add_error("pin", f"That PIN is not right. {left} more tries before the link locks.")
    return False


def download(view: Callable) -> Callable:
    """A download of an opened link: before the door is opened, the door; each one logged."""

    @wraps(view)
    def wrapped(request: HttpRequest, link: ClinicianLink, token: str) -> HttpResponse:
        if not _unlocked(request, link):
            return redirect("clinician_shared", token)
        _opened(request, link)
        return view(request, link)

    # GET alone: a HEAD would draw the whole file for nothing and count as an opening.
    return require_GET(for_the_clinician(wrapped))


@download
def shared_pdf(request: HttpRequest, link: ClinicianLink) -> HttpResponse:
    from visits.pdf import summary_pdf  # reportlab loads with the first PDF, not the URLs

    response = HttpResponse(summary_pdf(_summary(link)), content_type="application/pdf")
    return attachment(response, f"ms-journal-summary-{link.first}-to-{link.last}.pdf")


@download
def shared_fhir(request: HttpRequest, link: ClinicianLink) -> HttpResponse:
    body = bundle_json(link.patient, link.first, link.last)
    response = StreamingHttpResponse(body, content_type="application/fhir+json")
    return attachment(response, f"ms-journal-{link.first}-to-{link.last}.fhir.json")
