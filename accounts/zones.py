"""The time zones the sign-up and profile offer: canonical "Area/Location" names, grouped
by continent and ocean, in words ("Europe — London")."""

from functools import cache

from accounts.models import time_zone_names

# The IANA database's geographic areas. Names outside them are old aliases ("W-SU",
# "US/Eastern", "Zulu") or fixed offsets with a reversed sign ("Etc/GMT+5" is UTC−5).
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
REGION_LABELS = {"Indian": "Indian Ocean", "Atlantic": "Atlantic Ocean", "Pacific": "Pacific"}


def zone_label(name: str) -> str:
    """ "America/Argentina/Buenos_Aires" -> "America — Argentina, Buenos Aires"."""
    if "/" not in name:
        return name
    region, *places = name.split("/")
    where = ", ".join(place.replace("_", " ") for place in places)
    return f"{REGION_LABELS.get(region, region)} — {where}"


@cache
def common_zones() -> dict[str, list[str]]:
    """Region -> its zone names, in alphabetical order."""
    grouped: dict[str, list[str]] = {region: [] for region in REGIONS}
    for name in time_zone_names():
        region = name.split("/")[0]
        if region in grouped and "/" in name:
            grouped[region].append(name)
    return grouped


def zone_choices(keep: str = "") -> list:
    """Choices for a <select> with one <optgroup> a region, UTC first.

    `keep` is a zone a person already has: offered even when it is not a common one
    (an old alias chosen before), so saving their profile does not ask them to change it.
    """
    choices: list = [("UTC", "UTC (universal time)")]
    if keep and keep != "UTC" and keep not in common_zones().get(keep.split("/")[0], []):
        choices.append(("Your current setting", [(keep, keep.replace("_", " "))]))
    for region, names in common_zones().items():
        choices.append((REGION_LABELS.get(region, region), [(n, zone_label(n)) for n in names]))
    return choices
