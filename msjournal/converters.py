import datetime as dt

from lib.limits import date_in_range


class IsoDateConverter:
    """A date in a URL: a real one, inside the journal's range, or the URL does not exist."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:  # 2026-02-31 matches the pattern but is no date
            raise ValueError(value) from exc
        # Year 1 or 9999 would overflow the moment a page steps a day or a time zone away.
        if not date_in_range(day):
            raise ValueError(value)
        return day

    def to_url(self, value: dt.date) -> str:
        return value.isoformat()
