"""What the timing scripts in this folder share: Django set up on production settings, a
throwaway test database (a SQLite file, or one beside DATABASE_URL's on PostgreSQL), and a
count of the queries something makes."""

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def django_ready() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "msjournal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database() -> Iterator[None]:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


@contextlib.contextmanager
def counting_queries() -> Iterator[list[int]]:
    """[n]: the queries made inside the block (cheaper than keeping each, as
    CaptureQueriesContext does, when there are thousands)."""
    from django.db import connection

    counted = [0]

    def count(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counted
