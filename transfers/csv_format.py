"""The journal's CSV format, read by the import and written by the export.

Two files: entries (one row per spasm or pain entry) and days (one row per check-in).
Every code is the stable snake_case code of symptoms/choices.py and triggers/models.py.
An empty cell means "not recorded". See docs/import-format.md.
"""

from symptoms.choices import INTERFERENCE_AREAS

LIST_SEPARATOR = ";"

ENTRY_COLUMNS = [
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
]
ENTRY_REQUIRED = ["when", "kind", "severity"]

# CSV column -> Entry field, where the names differ.
ENTRY_FIELD_FOR_COLUMN = {
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
TAG_PREFIX = "tag:"

TRUE_WORDS = {"1", "yes", "true", "y"}
FALSE_WORDS = {"0", "no", "false", "n"}
