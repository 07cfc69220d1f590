"""The journal's CSV format, read by the import and written by the export.

Two files: entries (one row per spasm or pain entry) and days (one row per check-in).
Every code is the stable snake_case code of symptoms/choices.py and triggers/models.py.
An empty cell means "not recorded". See docs/import-format.md.
"""

from symptoms.choices import INTERFERENCE_AREAS
from triggers.models import TAG_PREFIX as TAG_PREFIX  # the days file's tag:NAME columns

LIST_SEPARATOR = ";"
# Per file. A 50,000-row entries file with short notes is about 5 MB; twice that leaves
# room for long notes. Anything bigger is refused before it is read.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000

# Who logged an entry, in the entries file's logged_by column (or a caregiver's e-mail).
LOGGED_BY_PATIENT = "patient"
LOGGED_BY_FORMER = "former caregiver"

ENTRY_COLUMNS = [
    "id",
    "when",
    "kind",
    "severity",
    "minutes",
    "regions",
    "notes",
    "painful",
    "tried",
    "helped",
    "pain_type",
    "sensations",
    "pattern",
    "onset",
    "new_symptoms",
    "relieved_by",
    "worsened_by",
    "happened_before",
    "before_when",
    *[f"interference_{area}" for area in INTERFERENCE_AREAS],
    "interference_example",
    "logged_by",
]
# Free text, kept exactly as written: every other cell is trimmed of surrounding spaces.
ENTRY_TEXT_COLUMNS = ["notes", "before_when", "interference_example"]
ENTRY_REQUIRED = ["when", "kind", "severity"]

# CSV column -> Entry field, where the names differ.
ENTRY_FIELD_FOR_COLUMN = {
    "id": "uuid",
    "when": "occurred_at",
    "minutes": "duration_minutes",
    "new_symptoms": "with_new_symptoms",
}
ENTRY_LIST_COLUMNS = ["regions", "tried", "sensations", "relieved_by", "worsened_by"]
ENTRY_BOOLEAN_COLUMNS = ["painful", "new_symptoms"]
ENTRY_INTEGER_COLUMNS = ["severity", "minutes", *[f"interference_{a}" for a in INTERFERENCE_AREAS]]

DAY_COLUMNS = [
    "date",
    "max_temp_c",
    "humidity_pct",
    "overheated",
    "sleep_hours",
    "sleep_quality",
    "infection",
    "fever",
    "activity",
    "steps",
    "stress",
]
DAY_REQUIRED = ["date"]
DAY_BOOLEAN_COLUMNS = ["overheated", "fever"]
DAY_INTEGER_COLUMNS = ["humidity_pct", "sleep_quality", "steps", "stress"]
DAY_DECIMAL_COLUMNS = ["max_temp_c", "sleep_hours"]

TRUE_WORDS = {"1", "yes", "true", "y"}
FALSE_WORDS = {"0", "no", "false", "n"}

# Cells that only ever hold numbers the journal wrote: a leading minus is a sign there,
# never a formula, so they are written as they are (max_temp_c -5.0 stays a number).
NUMBER_COLUMNS = {*ENTRY_INTEGER_COLUMNS, *DAY_INTEGER_COLUMNS, *DAY_DECIMAL_COLUMNS}
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as written to a file: an apostrophe before anything a spreadsheet would run.

    Cells that already start with apostrophes before such a character get one more, so
    that `restore` can take exactly one off and give back what the journal holds.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    """The cell's value: `neutralise` undone, byte for byte."""
    if cell.startswith("'") and cell[1:].lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
