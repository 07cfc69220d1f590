"""What every CSV file of the journal shares, read by the import and written by the export:
how a cell holds a value, and the limits on a file. Each file's own columns sit with the
code that writes and reads it (entries_file, days_file, treatment_files).

Every code is the stable snake_case code of the journal's choices. An empty cell means
"not recorded". See docs/import-format.md.
"""

from collections.abc import Collection

from triggers.models import TAG_PREFIX as TAG_PREFIX  # the days file's tag:NAME columns

LIST_SEPARATOR = ";"
# Per file. A 50,000-row entries file with short notes is about 5 MB; twice that leaves
# room for long notes. Anything bigger is refused before it is read.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000

TRUE_WORDS = {"1", "yes", "true", "y"}
FALSE_WORDS = {"0", "no", "false", "n"}

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


def cell(value, column: str, booleans: Collection[str] = (), lists: Collection[str] = ()) -> str:
    """A value as its cell: empty when not recorded, 1 or 0 for yes or no, a list joined."""
    if value is None or value == "":
        return ""
    if column in booleans:
        return "1" if value else "0"
    if column in lists:
        return LIST_SEPARATOR.join(value)
    return str(value)


def header(columns: list[str]) -> list[str]:
    return [neutralise(column) for column in columns]


def row(cells: dict[str, str], numbers: Collection[str]) -> list[str]:
    """The cells as written, in order. Each file names its number columns: cells that only
    ever hold numbers the journal wrote, where a leading minus is a sign, never a formula,
    so they are written as they are (max_temp_c -5.0 stays a number)."""
    return [text if column in numbers else neutralise(text) for column, text in cells.items()]
