"""Every journal URL, as every kind of person: exactly what each should get.

The URLs come from the URL configuration itself, so a page added later is swept too.
"""

import pytest

from symptoms.models import Entry
from tests.support.journal_urls import JOURNAL_URL_IDS, JOURNAL_URLS, build_url, open_url

pytestmark = pytest.mark.django_db
ROLES = ["owner", "viewer", "logger", "revoked", "stranger", "anonymous"]


def test_the_sweep_finds_the_journal_pages():
    names = {name for name, _, _ in JOURNAL_URLS}
    assert {
        "home",
        "history",
        "entry_detail",
        "check_in",
        "insights",
        "week",
        "sharing",
        "import",
    } <= names


@pytest.mark.parametrize(("name", "route", "view"), JOURNAL_URLS, ids=JOURNAL_URL_IDS)
def test_every_journal_view_declares_who_may_use_it(name, route, view):
    assert getattr(view, "journal_level", None) in ("view", "log", "owner"), name


def expected(level: str, role: str) -> int | str:
    if role == "anonymous":
        return "login"
    if role in ("stranger", "revoked"):
        return 404
    if role == "owner":
        return "ok"
    if level == "owner":
        return 404
    if level == "log" and role == "viewer":
        return 403
    return "ok"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "route", "view"), JOURNAL_URLS, ids=JOURNAL_URL_IDS)
def test_each_person_gets_exactly_what_they_should(client, world, name, route, view, role):
    url = build_url(route, name, world)
    if world[role] is not None:
        client.force_login(world[role])
    response, post_only = open_url(client, url)
    want = expected(view.journal_level, role)
    if want == "login":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
    elif want == "ok":
        assert response.status_code == (302 if post_only else 200), url
    else:
        assert response.status_code == want, url


@pytest.mark.parametrize(
    ("name", "route", "view"),
    [u for u in JOURNAL_URLS if u[2].journal_level == "log"],
    ids=[n for n, _, v in JOURNAL_URLS if v.journal_level == "log"],
)
def test_a_viewers_post_is_refused_and_changes_nothing(client, world, name, route, view):
    client.force_login(world["viewer"])
    before = list(Entry.objects.values_list("id", "severity"))
    response = client.post(build_url(route, name, world), {"region": "neck", "severity": "9"})
    assert response.status_code == 403
    assert list(Entry.objects.values_list("id", "severity")) == before
