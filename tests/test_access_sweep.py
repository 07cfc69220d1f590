"""Every journal URL, as every kind of person: exactly what each should get.

The URLs come from the URL configuration itself, so a page added later is swept too.
"""

import datetime as dt

import pytest

from sharing.models import CareAccess, Invitation
from symptoms.models import Entry
from tests.conftest import make_entry
from tests.routes import JOURNAL_URLS
from triggers.models import OwnTrigger

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


@pytest.mark.parametrize(
    ("name", "route", "view"), JOURNAL_URLS, ids=[n for n, _, _ in JOURNAL_URLS]
)
def test_every_journal_view_declares_who_may_use_it(name, route, view):
    assert getattr(view, "journal_level", None) in ("view", "log", "owner"), name


@pytest.fixture
def world(patient, viewer, logger, revoked, stranger):
    entry = make_entry(patient)
    trigger = OwnTrigger.objects.create(patient=patient, name="Coffee")
    invitation, _ = Invitation.issue(patient=patient, permission="view")
    access = CareAccess.objects.get(caregiver=viewer)
    return {
        "owner": patient,
        "viewer": viewer,
        "logger": logger,
        "revoked": revoked,
        "stranger": stranger,
        "anonymous": None,
        "pk": {
            "own_trigger_delete": trigger.pk,
            "access_permission": access.pk,
            "access_revoke": access.pk,
            "invitation_withdraw": invitation.pk,
        },
        "entry": entry,
    }


def build_url(route: str, name: str, world) -> str:
    yesterday = dt.date.today() - dt.timedelta(days=1)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    url = "/" + route.replace("<slug:journal>", world["owner"].journal_key)
    url = url.replace("<int:pk>", str(world["pk"].get(name, world["entry"].pk)))
    url = url.replace("<isodate:date>", yesterday.isoformat()).replace(
        "<isodate:day>", monday.isoformat()
    )
    return url


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
@pytest.mark.parametrize(
    ("name", "route", "view"), JOURNAL_URLS, ids=[n for n, _, _ in JOURNAL_URLS]
)
def test_each_person_gets_exactly_what_they_should(client, world, name, route, view, role):
    url = build_url(route, name, world)
    if world[role] is not None:
        client.force_login(world[role])
    response = client.get(url)
    post_only = response.status_code == 405  # an action, not a page: try it as a form would
    if post_only:
        response = client.post(url, {"permission": "log"})
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
