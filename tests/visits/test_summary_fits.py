"""A visit summary of any range fits on two pages: long ranges are told by month."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tests.support.makers import journal_of
from visits.data import visit_summary
from visits.pdf import summary_pdf

pytestmark = pytest.mark.django_db


def _pdf_text(patient, days: int) -> tuple[int, str]:
    """Pages and text of the summary of the last `days` days, as the command line makes it."""
    last = patient.today()
    reader = PdfReader(
        io.BytesIO(summary_pdf(visit_summary(patient, last - dt.timedelta(days=days - 1), last)))
    )
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def test_a_five_year_summary_fits_on_two_pages_told_by_half_year(patient):
    journal_of(patient, 5 * 365 + 1)
    pages, text = _pdf_text(patient, 5 * 365 + 1)
    assert pages <= 2
    assert "By 6 months." in text and "Spasms per 6 months" in text
    # Sixty possible relapses: the latest in full, every earlier one by its date.
    assert text.count("pain with new or returning symptoms") == 6
    assert "54 earlier:" in text


def test_a_year_is_told_by_month(patient):
    journal_of(patient, 365)
    pages, text = _pdf_text(patient, 365)
    assert pages <= 2
    assert "By month." in text


def test_ninety_days_are_still_told_by_week(patient):
    journal_of(patient, 90)
    pages, text = _pdf_text(patient, 90)
    assert pages <= 2
    assert "By week." in text and "Week of" in text and "Spasms per week" in text
