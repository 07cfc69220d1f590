from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import add_never_cache_headers


class ContentSecurityPolicyMiddleware:
    """Every page may load scripts, styles and data only from this app.

    Nothing inline at all, scripts or styles, so an injected style attribute or <style>
    element is blocked like an injected script: charts get their data through
    json_script, pages take their look from classes in the stylesheets, the SVG charts
    from presentation attributes (fill=, stroke=), which are not inline styles, and htmx
    is told not to add its own <style> for loading indicators (base.html). A script that
    must change a look sets element.style, which the policy allows.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class NoStoreMiddleware:
    """No page or download of the app is kept by a browser or proxy cache.

    A journal is health data: on a shared computer, the back button or the disk cache
    must not show it to the next person after log-out. Static files are served before
    this runs (WhiteNoise sits above it) and keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class CompressTextMiddleware(GZipMiddleware):
    """Pages, htmx answers and text downloads go out gzip-compressed when the browser takes it.

    A page is a fifth of its size on the wire, which a phone on a slow connection feels
    before anything shows. The zip export and the PDF are compressed already and go out as
    they are; static files are compressed in advance and served above this (WhiteNoise).
    Django's GZipMiddleware pads each answer by a random length against BREACH, and the
    CSRF token in a page is masked afresh on every request.
    """

    TEXT = ("text/", "application/json", "application/fhir+json", "application/manifest+json")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.TEXT):
            return response
        return super().process_response(request, response)
