"""Where the weather is asked for: a place rounded to a cell of about 10 km.

Only these rounded coordinates (with dates) ever leave the server, and everyone whose
place falls in one cell shares its requests and its stored days.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

STEP = Decimal("0.1")


def to_cell(
    latitude: float | Decimal | str, longitude: float | Decimal | str
) -> tuple[Decimal, Decimal]:
    """(latitude, longitude) rounded to 0.1°, longitude wrapped into -180..180."""
    lat = Decimal(str(latitude)).quantize(STEP, rounding=ROUND_HALF_EVEN)
    lon = Decimal(str(longitude)).quantize(STEP, rounding=ROUND_HALF_EVEN)
    if lon > 180 or lon <= -180:
        lon = (lon + 180) % 360 - 180
        if lon == Decimal("-180.0"):
            lon = Decimal("180.0")
    return lat, lon
