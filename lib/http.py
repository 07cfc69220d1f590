from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.http import content_disposition_header

from lib.text import one_line


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to, or None on a GET.

    Unlike `request.POST or None`, an empty POST still binds the form, so a submit with
    nothing filled in gets its "required" messages instead of a blank form again.
    """
    return request.POST if request.method == "POST" else None


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """The response offered as a file to save under filename, not shown in the browser.

    Whatever the name is built from, the header holds: one line, quotes escaped, and any
    letter beyond ASCII spelled as RFC 6266 asks.
    """
    response["Content-Disposition"] = content_disposition_header(True, one_line(filename))
    return response
