from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Every page may load scripts, styles and data only from this app.

    No inline scripts anywhere (charts get their data through json_script); inline style
    attributes stay allowed because plotly and htmx set element styles as they draw.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
