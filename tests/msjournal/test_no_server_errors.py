"""No input makes the server fall over: every page and form, fuzzed, in three time zones.

Hypothesis draws the path parameters, query strings and form bodies; the claim is the one
a person would notice: never a server error. The pages come from the URL configuration and
each form's field names from the page that shows it, so a page or field added later is
fuzzed without being listed here. Pacific/Kiritimati (UTC+14) and America/New_York put
local day bounds on both sides of UTC, where dates near the edges overflow.
"""

import datetime as dt
import re
import zoneinfo
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from lib.limits import EARLIEST_DATE
from sharing.models import CareAccess, Invitation
from tests.support.makers import make_entry
from tests.support.routes import JOURNAL_URLS, OTHER_URLS
from triggers.models import CheckIn, OwnTrigger
from visits.models import VisitPrep

pytestmark = pytest.mark.django_db

ZONES = ["UTC", "America/New_York", "Pacific/Kiritimati"]
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")

EDGE_DAYS = [
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "1900-01-01",
    "9000-12-31",
    "9001-01-01",
    "2026-02-31",
    "0000-00-00",
    "2026-13-01",
    "20260301",
    "1900-01-07",
]
EDGE_TIMES = [
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "1900-01-01T00:30",
    "1899-12-31T23:59",
    "2026-02-31T10:00",
    "2026-03-01T24:00",
    "0001-01-01 00:00:00",
]
NUMBERS = ["0", "-1", "1", "999999", "2147483648", "9223372036854775808", "1e309", "nan"]
NUMBERS += ["inf", "-0", "9" * 400, "١٢", "3.5", "0x10"]
# Text that once broke pages and e-mails built from it: line breaks, NUL, direction
# controls, and addresses longer than the 254 characters the database keeps.
ADDRESSES = ["a\n@example.com", '"a\x01"@example.com', "anna@example.com\u202e"]
ADDRESSES += ["anna@" + ".".join(["b" * 60] * 5) + ".org"]  # 313 characters, well-formed
HOSTILE_TEXT = ["Anna\r\nSmith", "Anna\x00", "\u202eAnna", "Anna\x85\u2028", *ADDRESSES]
EMAIL_NAME = re.compile(r"email|login")
# Names a query string or a form might read that no page shows as a field.
DATE_NAME = re.compile(r"date|day|start|end|from|to$|visit|occurred|when")
QUERY_NAMES = ["page", "start", "end", "from", "to", "kind", "range", "days", "region", "next"]


def iso_days() -> st.SearchStrategy[str]:
    near_today = st.integers(-800, 800).map(lambda n: dt.date.today() + dt.timedelta(days=n))
    return st.one_of(
        st.sampled_from(EDGE_DAYS), near_today.map(str), st.dates().map(dt.date.isoformat)
    )


def values() -> st.SearchStrategy[str]:
    """Anything a person, a browser or a tampered request might send as one value."""
    return st.one_of(
        st.just(""),
        st.sampled_from(EDGE_DAYS + EDGE_TIMES),
        st.sampled_from(NUMBERS),
        st.sampled_from(HOSTILE_TEXT),
        st.integers().map(str),
        st.dates().map(dt.date.isoformat),
        st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
        st.text(max_size=30),  # NUL, other control characters, any script
    )


def value_for(name: str) -> st.SearchStrategy[str]:
    """Dates at the edges first for fields that look like dates, where overflows hide."""
    if DATE_NAME.search(name):
        return st.one_of(st.sampled_from(EDGE_DAYS + EDGE_TIMES), iso_days(), values())
    if EMAIL_NAME.search(name):
        return st.one_of(st.sampled_from(ADDRESSES), values())
    return values()


class FormFields(HTMLParser):
    """The names a page's forms send, with the values the page itself offers for them."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: dict[str, set[str]] = {}
        self.files: set[str] = set()
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in ("input", "select", "textarea") and name and name != "csrfmiddlewaretoken":
            offered = self.fields.setdefault(name, set())
            if attrs.get("value"):
                offered.add(attrs["value"])
            if attrs.get("type") == "file":
                self.files.add(name)
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select and attrs.get("value") is not None:
            self.fields[self._select].add(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_data(draw, fields: dict[str, set[str]]) -> dict:
    """A form as the page would send it, with up to three values replaced by anything.

    Starting from values the page offers keeps the other fields valid, so the fuzzed one
    reaches the code behind the form instead of stopping at the first error.
    """
    body = {
        name: draw(st.sampled_from(sorted(offered))) for name, offered in fields.items() if offered
    }
    # An address field starts empty, yet only a filled-in one reaches the code behind it.
    body |= {name: draw(value_for(name)) for name in fields if EMAIL_NAME.search(name)}
    names = sorted(set(fields) | set(QUERY_NAMES))
    for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
        one = value_for(name)
        body[name] = draw(st.one_of(one, st.lists(one, max_size=3)))  # ticked boxes repeat
    return body


def upload() -> st.SearchStrategy:
    header = "date,time,kind,severity,regions\n"
    text = st.one_of(st.text(max_size=200), values().map(lambda v: header + v + ",spasm,5,neck"))
    return st.one_of(
        text.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200)
    ).map(lambda content: SimpleUploadedFile("fuzz.csv", content, "text/csv"))


def path_value(converter: str | None, ids: list[int]) -> st.SearchStrategy[str]:
    if converter == "int":
        return st.one_of(st.sampled_from(ids), st.integers(0, 10**30)).map(str)
    if converter == "isodate":
        return iso_days()
    return st.text(min_size=1, max_size=40).map(lambda t: quote(t, safe=""))


def fill_route(draw, route: str, journal_key: str, ids: list[int]) -> str:
    def fill(match: re.Match) -> str:
        converter, name = match.groups()
        if name == "journal":
            return journal_key
        return draw(path_value(converter, ids))

    return "/" + PARAMETER.sub(fill, route)


def answer(client, url: str, draw, fields: FormFields):
    """One fuzzed request (GET or POST, htmx or not), its body read to the end."""
    headers = {"HX-Request": "true"} if draw(st.booleans()) else {}
    # Redirects are followed: a week asked for by any day goes on to its Monday.
    if not draw(st.booleans()):
        response = client.get(url, form_data(draw, fields.fields), headers=headers, follow=True)
    else:
        body = form_data(draw, fields.fields)
        for name in fields.files:
            if draw(st.booleans()):
                body[name] = draw(upload())
        response = client.post(url, body, headers=headers, follow=True)
    body_text(response)  # an export streams: an error halfway through would come after the 200
    return response


def body_text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.fixture
def journal(patient, logger, zone):
    """A patient with entries and check-ins at both ends of the journal, in the zone."""
    patient.time_zone = zone
    patient.save()
    here = zoneinfo.ZoneInfo(zone)
    entries = [
        make_entry(patient, occurred_at=dt.datetime(1900, 1, 1, 0, 30, tzinfo=here)),
        make_entry(patient),
        make_entry(patient, kind="pain", with_new_symptoms=True, interference_sleep=7),
    ]
    today = dt.datetime.now(here).date()
    CheckIn.objects.create(patient=patient, date=EARLIEST_DATE, overheated=True)
    CheckIn.objects.create(patient=patient, date=today, fever=True, steps=4000)
    trigger = OwnTrigger.objects.create(patient=patient, name="Coffee")
    invitation, _ = Invitation.issue(patient=patient, permission="view")
    VisitPrep.objects.create(patient=patient, last_visit=EARLIEST_DATE, questions="Baclofen?")
    access = CareAccess.objects.get(caregiver=logger)
    patient.fuzz_ids = [e.pk for e in entries] + [trigger.pk, invitation.pk, access.pk]
    return patient


@pytest.fixture
def fuzz_client(client):
    client.raise_request_exception = False
    return client


@pytest.fixture
def offered(fuzz_client, journal, route) -> FormFields:
    """The form fields of the page at route, as the patient and as someone logged out see it."""
    ids = journal.fuzz_ids
    url = "/" + route.replace("<slug:journal>", journal.journal_key)
    url = url.replace("<int:pk>", str(ids[0])).replace("<str:token>", "token")
    for converter in ("<isodate:date>", "<isodate:day>"):
        url = url.replace(converter, str(dt.date.today()))
    pages = body_text(fuzz_client.get(url, follow=True))
    fuzz_client.force_login(journal)
    pages += body_text(fuzz_client.get(url, follow=True))
    return FormFields(pages)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("name", "route", "view"), JOURNAL_URLS, ids=[u[0] for u in JOURNAL_URLS])
@given(data=st.data())
def test_no_journal_page_or_form_answers_a_server_error(
    fuzz_client, journal, offered, zone, name, route, view, data
):
    fuzz_client.force_login(journal)
    url = fill_route(data.draw, route, journal.journal_key, journal.fuzz_ids)
    response = answer(fuzz_client, url, data.draw, offered)
    assert response.status_code != 500, url


@pytest.mark.parametrize("zone", ["America/New_York"])  # zones matter in journals
@pytest.mark.parametrize(
    ("name", "route", "view"), OTHER_URLS, ids=[u[0] or "-" for u in OTHER_URLS]
)
@given(data=st.data())
def test_no_other_page_or_form_answers_a_server_error(
    fuzz_client, journal, offered, zone, name, route, view, data
):
    if data.draw(st.booleans()):
        fuzz_client.force_login(journal)
    else:
        fuzz_client.logout()
    url = fill_route(data.draw, route, journal.journal_key, journal.fuzz_ids)
    response = answer(fuzz_client, url, data.draw, offered)
    assert response.status_code != 500, url
