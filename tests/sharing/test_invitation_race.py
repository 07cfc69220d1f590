"""Six people open the same single-use link at the same moment, against a real server.

gunicorn with several workers serves a throwaway copy of the app (a SQLite file, or a new
PostgreSQL database when DATABASE_URL points to PostgreSQL), and six logged-in
caregivers press "Accept" at once, several rounds over.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.served import Browser, app_env, django_json, gunicorn, manage, throwaway_database

CAREGIVERS = 6
ROUNDS = 4

SETUP = f"""
import json
from accounts.models import User
from bench.served import login_session
from sharing.models import Invitation

caregivers = [User.objects.create_user(f"carer{{i}}@example.com", "pw") for i in range({CAREGIVERS})]
rounds = []
for r in range({ROUNDS}):
    patient = User.objects.create_user(f"patient{{r}}@example.com", "pw")
    _, token = Invitation.issue(patient=patient, permission="log")
    rounds.append({{"token": token, "journal": patient.journal_key}})
print(json.dumps({{"sessions": [login_session(c) for c in caregivers], "rounds": rounds}}))
"""

OUTCOME = """
import json
from sharing.models import CareAccess, Invitation
print(json.dumps([
    {
        "accesses": CareAccess.objects.filter(patient=i.patient).count(),
        "from_invitation": CareAccess.objects.filter(invitation=i, caregiver=i.accepted_by).count(),
    }
    for i in Invitation.objects.order_by("pk")
]))
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with throwaway_database(tmp_path_factory.mktemp("race")) as database_url:
        env = app_env(database_url)
        manage(env, "migrate", "--verbosity", "0")
        world = django_json(env, SETUP)
        with gunicorn(env, workers=4) as base_url:
            yield env, base_url, world


def accept_all_at_once(base_url: str, sessions: list[str], path: str) -> list:
    browsers = [Browser.logged_in(base_url, key) for key in sessions]
    for browser in browsers:
        assert browser.get(path).status == 200  # the page, and the CSRF cookie with it
    start = threading.Barrier(len(browsers))

    def accept(browser: Browser):
        start.wait()
        return browser.post(path, {})

    with ThreadPoolExecutor(len(browsers)) as pool:
        return list(pool.map(accept, browsers))


def test_of_six_people_accepting_one_link_at_once_exactly_one_gets_in(served):
    env, base_url, world = served
    for one_round in world["rounds"]:
        path = f"/invitations/{one_round['token']}/"
        answers = accept_all_at_once(base_url, world["sessions"], path)

        assert sorted(a.status for a in answers) == [302] + [404] * (CAREGIVERS - 1)
        (winner,) = [a for a in answers if a.status == 302]
        assert winner.location == f"/j/{one_round['journal']}/week/"
        assert all("been used already" in a.body for a in answers if a is not winner)

    outcome = django_json(env, OUTCOME)
    assert outcome == [{"accesses": 1, "from_invitation": 1}] * ROUNDS
