from django.http import HttpRequest, HttpResponse, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to, or None on a GET.

    Unlike `request.POST or None`, an empty POST still binds the form, so a submit with
    nothing filled in gets its "required" messages instead of a blank form again.
    """
    return request.POST if request.method == "POST" else None


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """The response offered as a file to save under filename, not shown in the browser."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
