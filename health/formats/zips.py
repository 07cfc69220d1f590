"""Opening an uploaded zip safely: a member is read as a stream, its size and its
compression ratio held to limits, so a zip bomb stops early with a clear message
instead of filling the disk or the memory."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator

# An Apple Health export of several years is a few gigabytes unpacked; XML packs about
# 10 to 20 times. Anything far past either is not a phone's export.
MAX_MEMBER_BYTES = 16 * 1024**3
MAX_TOTAL_BYTES = 32 * 1024**3
MAX_RATIO = 100
MAX_MEMBERS = 200_000
# Below this a member's ratio is not worth judging: a small file of zeros packs well.
RATIO_FROM_BYTES = 1024**2

from health.formats import ExportProblem  # noqa: E402


@contextlib.contextmanager
def open_zip(path) -> Iterator[zipfile.ZipFile]:
    """The zip at `path`, its listing checked against the limits before any is read."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExportProblem(
            "This is not a zip file, or it is cut short. Export again and choose the "
            "whole .zip file."
        ) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ExportProblem("This zip holds too many files to be a health export.")
        if sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
            raise ExportProblem("This zip unpacks to more than a health export could hold.")
        yield archive


@contextlib.contextmanager
def member(archive: zipfile.ZipFile, name: str) -> Iterator[io.BufferedIOBase]:
    """One member as a stream of bytes, held to its declared size and the ratio limit
    as it is decompressed (a zip's listing can lie about sizes)."""
    info = archive.getinfo(name)
    _check(info.file_size, info.compress_size)
    try:
        raw = archive.open(info)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise ExportProblem(f"{name} in this zip cannot be read: {exc}") from exc
    with raw:
        yield _Limited(raw, info)


def _check(size: int, packed: int) -> None:
    if size > MAX_MEMBER_BYTES:
        raise ExportProblem("A file in this zip is far larger than a health export.")
    if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(packed, 1):
        raise ExportProblem(
            "A file in this zip unpacks to over 100 times its packed size, which no "
            "health export does. It is refused as a possible zip bomb."
        )


class _Limited(io.RawIOBase):
    """A member's stream that stops at its limits, however the zip was built."""

    def __init__(self, raw, info: zipfile.ZipInfo):
        self.raw, self.info, self.read_bytes = raw, info, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.raw.read(len(buffer))
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise ExportProblem(
                f"{self.info.filename} in this zip is damaged or cut short: export again."
            ) from exc
        self.read_bytes += len(data)
        if self.read_bytes > self.info.file_size:
            raise ExportProblem(
                f"{self.info.filename} in this zip is larger than the zip says: refused."
            )
        _check(self.read_bytes, max(self.info.compress_size, 1))
        buffer[: len(data)] = data
        return len(data)

    @property
    def compressed_read(self) -> int:
        """About how far into the upload this has read, for the progress bar."""
        if self.info.file_size == 0:
            return self.info.compress_size
        return self.info.compress_size * self.read_bytes // self.info.file_size
