"""Text one person types and other people's pages, e-mails and files are built from.

A name typed with a line break would break the subject of every e-mail that names it; a
right-to-left override would make a caregiver read a note backwards. So the rules are
written once here, for forms, models and the import alike, and `one_line` makes anything
already stored safe to build with.
"""

import re

from django.core.exceptions import ValidationError

# C0 controls (tab, line feed, carriage return and NUL among them), DEL and C1 controls.
CONTROLS = frozenset(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])
# The invisible marks that change the direction text is shown in.
BIDI_CONTROLS = frozenset(
    chr(c) for c in [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
# Unicode's own line and paragraph separators break a line as a line feed does.
LINE_SEPARATORS = frozenset("\u2028\u2029")
# What a one-line value may not hold, and what a note may not: a note keeps its line
# breaks and tabs.
NOT_IN_A_LINE = CONTROLS | BIDI_CONTROLS | LINE_SEPARATORS
NOT_IN_A_NOTE = NOT_IN_A_LINE - {"\t", "\n", "\r"}

ONE_LINE_MESSAGE = (
    "Keep this on one line: line breaks, tabs and invisible control characters cannot go "
    "in it. Type it again or paste it as plain text."
)
NOTE_MESSAGE = (
    "This text contains invisible control characters. Type it again or paste it as plain text."
)

_BETWEEN_WORDS = re.compile(r"\s+")


def validate_one_line(value: str) -> None:
    """A name, an address or a unit: one line of visible characters."""
    if not NOT_IN_A_LINE.isdisjoint(value):
        raise ValidationError(ONE_LINE_MESSAGE, code="control_characters")


def validate_note(value: str) -> None:
    """Free text over several lines: line breaks and tabs, but no other controls."""
    if not NOT_IN_A_NOTE.isdisjoint(value):
        raise ValidationError(NOTE_MESSAGE, code="control_characters")


def _replaced(value: str, refused: frozenset[str]) -> str:
    # What separates words becomes a space; a direction mark, which shows as nothing,
    # goes without trace.
    return "".join("" if ch in BIDI_CONTROLS else " " if ch in refused else ch for ch in value)


def one_line(value: str) -> str:
    """The value as one line of visible text, single-spaced: what an e-mail subject, a
    header or a file name may be built from, whatever was stored before these rules."""
    return _BETWEEN_WORDS.sub(" ", _replaced(value, NOT_IN_A_LINE)).strip()


def plain_note(value: str) -> str:
    """A note with what `validate_note` refuses taken out, its lines and tabs kept."""
    return _replaced(value, NOT_IN_A_NOTE)


_REFUSED_RUN = re.compile(
    " *[" + re.escape("".join(sorted(NOT_IN_A_LINE - BIDI_CONTROLS))) + "]+ *"
)


def mended_line(value: str) -> str:
    """A stored one-line value made to pass `validate_one_line`, and otherwise untouched:
    each run of refused characters (with the spaces around it) becomes one space, a
    direction mark goes without trace. A value that already passes comes back as it was,
    double spaces and no-break spaces included."""
    if NOT_IN_A_LINE.isdisjoint(value):
        return value
    without_marks = "".join(ch for ch in value if ch not in BIDI_CONTROLS)
    return _REFUSED_RUN.sub(" ", without_marks).strip()


def clean_stored_text(app_label: str, model_name: str, *, lines=(), notes=(), unique=None):
    """A migration step that makes rows stored before these rules pass them, and says, per
    table and column, how many rows it changed (never what they held).

    `lines` are mended with `mended_line`, `notes` with `plain_note`: a value the rules
    accept is left exactly as it is. `unique` names a line column that must stay unique,
    ignoring case, per patient (a trigger's or treatment's name): a mended name that would
    clash with one kept as it was, or come out empty, gets a number after it; the name that
    was already clean keeps its place.
    """

    def clean(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        columns = [*lines, *notes]
        counts = dict.fromkeys(columns, 0)
        changed = {}
        renamed = []
        loaded = [*columns, "patient"] if unique else columns
        for row in model.objects.only(*loaded).iterator(chunk_size=2000):
            for column in columns:
                before = getattr(row, column)
                after = mended_line(before) if column in lines else plain_note(before)
                if after != before:
                    setattr(row, column, after)
                    counts[column] += 1
                    changed[row.pk] = row
                    if column == unique:
                        renamed.append(row)
        if renamed:
            _keep_unique(model, renamed, unique)
        model.objects.bulk_update(changed.values(), columns, batch_size=500)
        said = [
            f"    {model._meta.db_table}.{column}: {count} row(s) cleaned"
            for column, count in counts.items()
            if count
        ]
        if said:  # below migrate's "Applying …" line, which its " OK" ends
            print("", *said, sep="\n")

    return clean


def _keep_unique(model, renamed: list, column: str) -> None:
    """Numbers the renamed rows whose new name another row of theirs already has. Rows
    whose name stays (their notes may have changed) hold theirs, so the update never
    writes a name a row still holds."""
    longest = model._meta.get_field(column).max_length
    patients = {row.patient_id for row in renamed}
    kept = model.objects.filter(patient_id__in=patients).exclude(pk__in=[row.pk for row in renamed])
    taken = {(patient, name.lower()) for patient, name in kept.values_list("patient_id", column)}
    for row in sorted(renamed, key=lambda row: row.pk):
        base = getattr(row, column) or "Unnamed"
        name, number = base, 1
        while (row.patient_id, name.lower()) in taken:
            number += 1
            suffix = f" ({number})"
            name = f"{base[: longest - len(suffix)].rstrip()}{suffix}"
        setattr(row, column, name)
        taken.add((row.patient_id, name.lower()))
