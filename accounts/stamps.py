"""The journal stamp, kept by the database: every write to what a journal page shows
gives the people it concerns a new random `journal_stamp` (a column of accounts_user).

The database does it, not Python (triggers on SQLite, rules on PostgreSQL), so a bulk
import, a queryset update or a cascade of deletes renews it as surely as a form does. A
page kept under a key holding the stamp (lib/page_cache.py) is therefore never
older than the journal. Random, not a counter: a database restored from a backup brings
back stamps that still name the pages of that state, never a number reused for a
different one.

Each app's migration installs them for its own tables with `install`, naming for each
table the users a change concerns as SQL over the changed row (`{row}`: NEW or OLD).
SQLite rebuilds a table to alter one of its columns, which drops the table's triggers: a
migration that alters a stamped table ends with `restamped` for it (the page-cache tests
fail otherwise). Only SQLite and PostgreSQL are supported, as in the settings.
"""

from __future__ import annotations

NEW_STAMP = {
    "sqlite": "(random() >> 2)",
    "postgresql": "floor(random() * 4611686018427387903)::bigint",
}


# The table holding the stamps.
USERS = "accounts_user"


def _renew(vendor: str, users: list[str], *rows: str) -> str:
    ids = ", ".join(user.format(row=row) for row in rows for user in users)
    return f"UPDATE {USERS} SET journal_stamp = {NEW_STAMP[vendor]} WHERE id IN ({ids});"


ROWS = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}


def _sqlite(table: str, users: list[str], columns: list[str] | None, events) -> list[str]:
    statements = []
    for event in events:
        names = ROWS[event]
        of = f" OF {', '.join(columns)}" if columns and event == "UPDATE" else ""
        body = " ".join(_renew("sqlite", users, name) for name in names)
        statements.append(
            f"CREATE TRIGGER {table}_stamp_{event.lower()} AFTER {event}{of} ON {table} "
            f"FOR EACH ROW BEGIN {body} END;"
        )
    return statements


def _postgresql(table: str, users: list[str], columns: list[str] | None, events) -> list[str]:
    """Rules, not trigger functions: a rule is rewritten into the statement itself, so a
    new connection (Django opens one per request by default) doesn't load PL/pgSQL and
    compile a function on its first write (0.4–0.9 ms of every quick log). A rule on
    accounts_user could not update accounts_user (it would rewrite itself forever), so
    that table alone keeps a trigger. Rules don't run for COPY, and a table with them
    refuses INSERT … ON CONFLICT: neither is used on a stamped table."""
    if table == USERS:
        return _postgresql_trigger(table, users, columns, events)
    statements = []
    for event in events:
        renew = _renew("postgresql", users, *ROWS[event])
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns or [])
        where = f" WHERE {changed}" if changed and event == "UPDATE" else ""
        statements.append(
            f"CREATE RULE {table}_stamp_{event.lower()} AS ON {event} TO {table}{where} "
            f"DO ALSO {renew.rstrip(';')};"
        )
    return statements


def _postgresql_trigger(table: str, users, columns, events) -> list[str]:
    old, new = _renew("postgresql", users, "OLD"), _renew("postgresql", users, "NEW")
    of = f" OF {', '.join(columns)}" if columns else ""
    when = " OR ".join(f"UPDATE{of}" if event == "UPDATE" else event for event in events)
    return [
        f"CREATE FUNCTION {table}_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {old} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {new} END IF; "
        "RETURN NULL; END $$;",
        f"CREATE TRIGGER {table}_stamp AFTER {when} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_stamp();",
    ]


def install(
    schema_editor,
    table: str,
    users: list[str],
    columns: list[str] | None = None,
    events: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE"),
) -> None:
    """Renew the stamp of `users` whenever a row of `table` is added, removed, or changed
    (in one of `columns`, if given)."""
    vendor = schema_editor.connection.vendor
    make = {"sqlite": _sqlite, "postgresql": _postgresql}[vendor]
    for statement in make(table, users, columns, events):
        schema_editor.execute(statement)


def uninstall(schema_editor, table: str) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for event in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event};")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_stamp();")
        for event in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP RULE IF EXISTS {table}_stamp_{event} ON {table};")


def stamped(table: str, users: list[str], **options):
    """The migration operation that installs (and, going back, removes) a table's triggers."""
    from django.db import migrations

    return migrations.RunPython(
        lambda apps, schema_editor: install(schema_editor, table, users, **options),
        lambda apps, schema_editor: uninstall(schema_editor, table),
        elidable=False,
    )


def restamped(table: str, users: list[str], **options):
    """The migration operation that puts in the triggers or rules `install` writes now,
    in place of whichever an earlier version wrote (either way: they do the same)."""
    from django.db import migrations

    def again(apps, schema_editor):
        uninstall(schema_editor, table)
        install(schema_editor, table, users, **options)

    return migrations.RunPython(again, again, elidable=False)
