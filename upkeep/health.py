"""Is this app ready to serve: does its database answer, with every migration applied?

The database is asked afresh each time (one `SELECT 1`). The migrations are read from
disk and compared with the database's record only until they are all applied; from then
on this process trusts the answer. That is correct across a deploy: the new code starts
new processes, which know the new migrations and answer "not ready" until someone runs
`manage.py migrate`. Migrating back while the app runs is not a deploy, and is seen only
by a process that ran that migrate itself (see apps.py) or started after it.
"""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

_all_applied = False


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def migrations_applied() -> bool:
    """True once every migration on disk is recorded as applied in the database."""
    global _all_applied
    if not _all_applied:
        executor = MigrationExecutor(connection)
        _all_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _all_applied


def forget_migrations(**kwargs) -> None:
    global _all_applied
    _all_applied = False


def problem() -> str:
    """What keeps the app from serving, in a few words; empty when it is ready."""
    if not database_answers():
        return "database unreachable"
    try:
        if not migrations_applied():
            return "migrations not applied"
    except DatabaseError:
        return "database unreachable"
    return ""
