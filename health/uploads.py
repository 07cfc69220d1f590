"""Where an uploaded export waits for the queue's worker, and the limit on its size.

Django writes an upload past a few megabytes to a temporary file as it arrives, never
holding it in memory; `SizeLimit` stops taking it once it passes the limit, so a file
too large fills neither the memory nor the disk."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimit(FileUploadHandler):
    """Refuses an upload whose body is larger than the limit, before any is stored."""

    def __init__(self, request=None, limit: int = 0):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            # The rest of the body is read and dropped, so the phone gets the answer
            # rather than a broken connection.
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def keep(upload) -> Path:
    """Move the upload to where the worker reads it, under a name of our own."""
    folder = Path(settings.HEALTH_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.zip"
    if hasattr(upload, "temporary_file_path"):
        shutil.move(upload.temporary_file_path(), path)
    else:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return path
