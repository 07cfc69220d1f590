"""Filters for the app's log: nothing that opens a journal is written there.

A link that opens something by itself (a clinician link, an invitation) carries its
token in the path, and Django logs the path of every 404, 405, 429 and 500 it answers.
The token is replaced before the record is written, so the log, and whoever reads it,
never holds a working link."""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/(?:c|invitations)/)[^/\s?#]+")


def masked(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1…", text)


class MaskTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = masked(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(masked(a) if isinstance(a, str) else a for a in args)
        return True
