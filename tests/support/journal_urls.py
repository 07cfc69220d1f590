"""Every journal URL of the URL configuration, and a real address for each in a test world."""

import datetime as dt

from tests.support.routes import JOURNAL_URLS

JOURNAL_URL_IDS = [name for name, _, _ in JOURNAL_URLS]


def build_url(route: str, name: str, world) -> str:
    yesterday = dt.date.today() - dt.timedelta(days=1)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    url = "/" + route.replace("<slug:journal>", world["owner"].journal_key)
    url = url.replace("<int:pk>", str(world["pk"].get(name, world["entry"].pk)))
    url = url.replace("<isodate:date>", yesterday.isoformat()).replace(
        "<isodate:day>", monday.isoformat()
    )
    return url


def open_url(client, url: str):
    """GET the URL; an action that only takes POST (405) is tried as its form would send it.

    Returns the response and whether it was a POST.
    """
    response = client.get(url)
    if response.status_code != 405:
        return response, False
    return client.post(url, {"permission": "log"}), True
