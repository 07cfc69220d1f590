from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from upkeep import health


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """For a load balancer or a monitor: 200 "ok" when the app can serve, 503 and the
    reason otherwise. Plain text, nothing of anyone's journal, no session, no cookie."""
    problem = health.problem()
    response = HttpResponse(
        problem or "ok", status=503 if problem else 200, content_type="text/plain; charset=utf-8"
    )
    add_never_cache_headers(response)
    return response
