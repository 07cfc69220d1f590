from functools import cache

from django.urls import reverse

from upkeep.views import healthz


@cache
def _health_path() -> str:
    return reverse("healthz")


class HealthCheckMiddleware:
    """Answers the health check before any other middleware runs.

    A probe comes from a load balancer that names the server by its address (not one of
    ALLOWED_HOSTS), over plain HTTP behind the TLS proxy (no HTTPS redirect), and may
    carry a browser's session cookie: none of that may turn its answer into a 400, a
    redirect or a session read. First in MIDDLEWARE for that reason.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == _health_path():
            return healthz(request)
        return self.get_response(request)
