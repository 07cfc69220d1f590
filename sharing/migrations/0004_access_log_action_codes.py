"""The access log stored a spelled-out URL name ("quick spasm 12 (POST)"); it now stores an
action code ("quick_spasm:POST") that the sharing page phrases in words."""

import re

from django.db import migrations

# The journal pages a caregiver could open when this migration was written.
URL_NAMES = [
    "check_in",
    "check_in_day",
    "entry_delete",
    "entry_detail",
    "entry_edit",
    "history",
    "home",
    "insights",
    "pain_create",
    "quick_spasm",
    "spasm_create",
    "summary",
    "summary_pdf",
    "summary_prepare",
    "summary_print",
    "week",
    "week_of",
]
METHOD = re.compile(r" \(([A-Z]+)\)$")


def old_to_code(what: str) -> str | None:
    method = "GET"
    found = METHOD.search(what)
    if found:
        method, what = found.group(1), what[: found.start()]
    # Longest first: "summary print" must not be read as "summary".
    for name in sorted(URL_NAMES, key=len, reverse=True):
        spelled = name.replace("_", " ")
        if what == spelled or what.startswith(spelled + " "):
            return f"{name}:{method}"
    return None


def to_codes(apps, schema_editor):
    AccessLogEntry = apps.get_model("sharing", "AccessLogEntry")
    old = AccessLogEntry.objects.exclude(what__contains=":")
    # One update per distinct old text, however long the log.
    for what in old.values_list("what", flat=True).distinct().order_by():
        code = old_to_code(what)
        if code is not None:
            old.filter(what=what).update(what=code)


def to_spelled(apps, schema_editor):
    AccessLogEntry = apps.get_model("sharing", "AccessLogEntry")
    coded = AccessLogEntry.objects.filter(what__contains=":")
    for code in coded.values_list("what", flat=True).distinct().order_by():
        name, _, method = code.partition(":")
        what = name.replace("_", " ") + ("" if method == "GET" else f" ({method})")
        coded.filter(what=code).update(what=what)


class Migration(migrations.Migration):
    dependencies = [("sharing", "0003_digest_sent_moves_to_weekly")]

    operations = [migrations.RunPython(to_codes, to_spelled)]
