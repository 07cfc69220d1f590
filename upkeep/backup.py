"""A copy of the whole database, taken while the app keeps writing, and its way back.

SQLite: SQLite's online backup (Python's `Connection.backup`), which copies the pages of
one consistent moment while writers carry on (WAL), into a file that is itself a SQLite
database. PostgreSQL: `pg_dump --format=custom`, a snapshot of one moment too, loaded
back with `pg_restore` in a single transaction, so a failed restore leaves nothing half
done. Either way the copy is written beside its final name and renamed when complete: a
backup file that exists is a whole one.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def backup(out: Path) -> None:
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(partial)
        else:
            _postgresql("pg_dump", "--format=custom", f"--file={partial}")
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def restore(source: Path, *, replace: bool) -> None:
    """Load the backup into this database, which must hold no table unless `replace`."""
    if not source.is_file():
        raise CommandError(f"There is no backup file at {source}")
    tables = connection.introspection.table_names()
    if tables and not replace:
        raise CommandError(
            f"The database is not empty (it holds {len(tables)} tables): restore into an "
            "empty database, or add --replace to overwrite what it holds with the backup."
        )
    if connection.vendor == "sqlite":
        _sqlite_restore(source)  # the copy replaces the whole file, whatever it held
    else:
        if tables:
            # Tables the backup does not know (from a later migration) would outlive
            # --clean, leaving the migration record and the tables at odds.
            _drop_tables(tables)
        clean = ["--clean", "--if-exists"] if tables else []
        _postgresql(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *clean,
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        )


def _drop_tables(tables: list[str]) -> None:
    with connection.cursor() as cursor:
        quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
        cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")


def _sqlite_backup(target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # A backup is only worth keeping if it opens: check the copy, not the original.
        if copy.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise CommandError("The copy did not pass SQLite's quick_check; nothing kept.")
    finally:
        copy.close()


def _sqlite_restore(source: Path) -> None:
    try:
        backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        backup.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CommandError(f"{source} is not a SQLite backup: {exc}") from exc
    connection.ensure_connection()
    try:
        backup.backup(connection.connection)
    finally:
        backup.close()


def _postgresql(program: str, *args: str) -> None:
    """Run pg_dump or pg_restore on this app's database, as this app connects to it.

    The password goes in the environment, never on the command line, where any user of
    the machine could read it. PG* variables of the environment are left out, so the
    program reaches the server the app reaches and no other.
    """
    settings = connection.settings_dict
    env = {name: value for name, value in os.environ.items() if not name.startswith("PG")}
    for variable, value in [
        ("PGHOST", settings["HOST"]),
        ("PGPORT", settings["PORT"]),
        ("PGUSER", settings["USER"]),
        ("PGPASSWORD", settings["PASSWORD"]),
        ("PGDATABASE", settings["NAME"]),
        ("PGSSLMODE", settings["OPTIONS"].get("sslmode")),
        ("PGCONNECT_TIMEOUT", settings["OPTIONS"].get("connect_timeout")),
    ]:
        if value:
            env[variable] = str(value)
    done = subprocess.run([postgresql_program(program), *args], env=env, capture_output=True)
    if done.returncode != 0:
        raise CommandError(f"{program} failed: {done.stderr.decode(errors='replace').strip()}")


def postgresql_program(name: str) -> str:
    """pg_dump or pg_restore: the one on PATH, else the newest PostgreSQL's on Debian."""
    found = shutil.which(name) or max(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
        default=None,
    )
    if not found:
        raise CommandError(f"{name} is not installed: install PostgreSQL's client programs.")
    return found
