"""What every export streams with, CSV and FHIR alike: rows are read, written and sent a
few at a time, so memory stays flat however long the journal."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator

CHUNK = 500  # rows read, written and sent at a time


def csv_text(rows: Iterable[list[str]]) -> Iterator[str]:
    """CSV text in pieces of about CHUNK rows."""
    out = io.StringIO()
    # CRLF as RFC 4180 has it; it also makes the writer quote a cell holding a lone \r.
    writer = csv.writer(out, lineterminator="\r\n")
    rows = iter(rows)
    while batch := list(itertools.islice(rows, CHUNK)):
        writer.writerows(batch)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


class _Pipe(io.RawIOBase):
    """Where the zip is written: bytes wait here until the response takes them."""

    def __init__(self):
        self.waiting = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.waiting += data
        return len(data)

    def take(self) -> bytes:
        data = bytes(self.waiting)
        self.waiting.clear()
        return data


def zip_stream(members: Iterable[tuple[str, Iterable[str]]]) -> Iterator[bytes]:
    """A zip of (file name, its text in pieces), made while it is sent."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, pieces in members:
            with archive.open(name, "w", force_zip64=True) as member:
                for text in pieces:
                    member.write(text.encode())
                    yield pipe.take()
    yield pipe.take()
