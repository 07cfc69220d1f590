"""The visit summary's shaded body: the print page and the PDF give the same counts."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from tests.support.makers import jurl, local, make_entry

pytestmark = pytest.mark.django_db
RANGE = {"start": dt.date(2026, 3, 2), "end": dt.date(2026, 3, 15)}


@pytest.fixture
def entries(patient):
    make_entry(patient, occurred_at=local(2026, 3, 3, 9, 0), regions=["left_leg", "left_foot"])
    make_entry(patient, occurred_at=local(2026, 3, 4, 9, 0), regions=["left_leg"])
    make_entry(patient, occurred_at=local(2026, 3, 5, 9, 0), kind="pain", regions=["left_leg"])
    make_entry(patient, occurred_at=local(2026, 3, 9, 9, 0), kind="pain", regions=["other"])
    make_entry(patient, occurred_at=local(2026, 3, 20, 9, 0), regions=["neck"])  # after the range


def test_the_printable_summary_shades_the_body_beside_its_counts(patient_client, entries, patient):
    html = patient_client.get(jurl(patient, "summary_print"), RANGE).content.decode()
    table = html.split('<table class="body-counts">')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table)
    assert rows == [("Left leg", "3"), ("Left foot", "1"), ("Somewhere else", "1")]
    assert 'role="img" aria-label="Times each place was named, shaded darker' in html
    assert "3 times" in html and "once" in html  # the legend says what each shade means


def test_the_pdf_draws_the_body_and_states_the_counts(patient_client, entries, patient):
    response = patient_client.get(jurl(patient, "summary_pdf"), RANGE)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Where it was felt" in text
    assert "Left leg 3" in text
    assert "Left foot 1" in text
    assert "Somewhere else 1" in text
    assert "Neck" not in text.split("Where it was felt")[1].split("Triggers")[0]
    assert "Front: your left is on the right." in text
