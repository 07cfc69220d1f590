import os

from django.core.wsgi import get_wsgi_application
from django.template.loader import get_template
from django.urls import reverse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msjournal.settings")
application = get_wsgi_application()

# A worker loads its URLs (and with them every view) and the home page's templates while
# it boots, before it takes a request, so nobody's first tap waits for them. The heavy
# libraries stay out: they load with the report pages that use them.
reverse("start")
get_template("symptoms/home.html")
