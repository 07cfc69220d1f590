import datetime as dt


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:  # 2026-02-31 matches the pattern but is no date
            raise ValueError(value) from exc

    def to_url(self, value: dt.date) -> str:
        return value.isoformat()
