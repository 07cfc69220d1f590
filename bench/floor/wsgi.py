"""The floors' WSGI application: Django's own, with none of the app's boot-time warm-up."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
