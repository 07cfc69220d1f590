"""The formats the journal moves in and out with: CSV import and export, FHIR export.

The CSV code is split by file, not by direction: `entries_file`, `days_file` and
`treatment_files` (treatments, doses and side effects, read together since the other two
name a treatment) each define their columns once, beside the code that writes them,
reads them back and adds what was read. A new column then changes one module, and the
export and the import cannot disagree on it. Below them sits what every file shares:
`csv_format` (cells, limits), `reading` (a file's shape, cells into values), `checking`
(a row against its model's rules), `logged_by` (the column two files share) and
`streaming` (writing and zipping a few rows at a time, as the FHIR export does too).
`exporting` and `importing` stand on top and only list the files and put them in order;
nothing below imports them.
"""
