"""The house the code is built as (docs/architecture.md): its floors, and which app each
page belongs to."""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. Apps on one floor stand side by side and use neither each other.
FLOORS = [
    ["accounts"],
    ["sharing"],
    ["symptoms"],
    ["treatments"],
    ["triggers"],
    ["weather", "health"],
    ["analysis"],
    ["weekly", "transfers"],
    ["visits", "reminders"],
    ["clinician", "demo", "offline", "upkeep"],
]
FLOOR = {app: number for number, apps in enumerate(FLOORS) for app in apps}


LIB = "lib"


PROJECT = "msjournal"


def page_apps(patterns: list[URLPattern | URLResolver] | None = None) -> dict[str, set[str]]:
    """Each URL name and the packages whose views serve it."""
    found: dict[str, set[str]] = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            for name, apps in page_apps(pattern.url_patterns).items():
                found.setdefault(name, set()).update(apps)
        elif pattern.name:
            found.setdefault(pattern.name, set()).add(pattern.callback.__module__.split(".")[0])
    return found


def page_owners() -> dict[str, str]:
    """The app of ours each URL name belongs to. A name a library serves too is the
    library's ("account_signup", which sharing/ answers with a view that knows about
    invitations) and so anyone's to use."""
    return {
        name: apps.pop()
        for name, apps in page_apps().items()
        if len(apps) == 1 and apps <= FLOOR.keys()
    }
