"""Pages travel compressed to a phone that takes gzip; files compressed already do not."""

import gzip
import io
import json
import zipfile

import pytest

from tests.support.makers import jurl

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_page_is_sent_gzipped_and_reads_the_same(patient_client, patient, spasm):
    plain = patient_client.get(jurl(patient, "entry_detail", spasm.pk))
    packed = patient_client.get(jurl(patient, "entry_detail", spasm.pk), **GZIP)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    page = gzip.decompress(body(packed)).decode()
    assert "after the bath" in page
    assert len(body(packed)) < len(plain.content) / 2


def test_a_browser_that_takes_no_gzip_gets_the_plain_page(patient_client, patient, spasm):
    response = patient_client.get(jurl(patient, "entry_detail", spasm.pk))
    assert "Content-Encoding" not in response.headers
    assert "after the bath" in response.content.decode()


def test_the_fhir_download_streams_gzipped(patient_client, patient, spasm):
    response = patient_client.get(jurl(patient, "export_fhir"), **GZIP)
    assert response.streaming
    assert response.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(body(response)))["resourceType"] == "Bundle"


def test_the_zip_and_the_pdf_go_out_as_they_are(patient_client, patient, spasm):
    archive = patient_client.get(jurl(patient, "export_csv"), **GZIP)
    assert "Content-Encoding" not in archive.headers
    assert "entries.csv" in zipfile.ZipFile(io.BytesIO(body(archive))).namelist()
    pdf = patient_client.get(jurl(patient, "summary_pdf"), **GZIP)
    assert "Content-Encoding" not in pdf.headers
    assert body(pdf).startswith(b"%PDF")
