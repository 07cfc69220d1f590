"""The lock files pin what pyproject.toml allows, completely, and are what is installed.

`make install` and `make install-test` install only from requirements.lock and
requirements-test.lock with hashes required. These tests fail when pyproject.toml's ranges
change and the lock is not made again (`make lock`), when a locked package needs one the
lock lacks, and when the running environment is not the one the lock describes.
"""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+))?"
)


def read_lock(name: str, *, here_only: bool = True) -> dict[str, dict]:
    """Each pinned package of a lock file: its version, marker and hashes.

    The lock is resolved for every platform, so one package may be pinned twice under
    markers (numpy for Python 3.11 and for 3.12); `here_only` keeps the pins that apply
    on this Python and platform, the ones `make install` takes.
    """
    pins: dict[str, dict] = {}
    current: dict = {}
    for line in (ROOT / name).read_text().splitlines():
        if match := PIN.match(line):
            marker = (match["marker"] or "").strip()
            current = {"version": Version(match["version"]), "marker": marker, "hashes": []}
            if not here_only:
                pins[f"{match['name']} {marker}".strip()] = current
            elif not marker or Requirement(f"x; {marker}").marker.evaluate():
                pins[canonicalize_name(match["name"])] = current
        elif hash_ := re.search(r"--hash=(sha256:[0-9a-f]{64})", line):
            current["hashes"].append(hash_[1])
    return pins


def project_requirements(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(text) for text in listed]


def applies_here(requirement: Requirement, extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(
        requirement.marker.evaluate(default_environment() | {"extra": extra})
        for extra in extras or {""}
    )


LOCKS = {
    "requirements.lock": project_requirements(),
    "requirements-test.lock": project_requirements() + project_requirements("test"),
}


@pytest.mark.parametrize("lock_name", LOCKS)
def test_the_lock_pins_a_version_each_range_in_pyproject_allows(lock_name):
    pins = read_lock(lock_name)
    for requirement in LOCKS[lock_name]:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in {lock_name}: run make lock"
        version = pins[name]["version"]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock_name} pins {name} {version}, outside {requirement}: run make lock"
        )


@pytest.mark.parametrize("lock_name", LOCKS)
def test_every_locked_package_carries_its_hashes(lock_name):
    pins = read_lock(lock_name, here_only=False)
    unhashed = [name for name, pin in pins.items() if not pin["hashes"]]
    assert unhashed == []


def test_the_test_lock_keeps_every_version_of_the_app_lock():
    app, test = read_lock("requirements.lock"), read_lock("requirements-test.lock")
    moved = {name: (pin["version"], test.get(name, {}).get("version")) for name, pin in app.items()}
    assert {name: pair for name, pair in moved.items() if pair[0] != pair[1]} == {}


@pytest.mark.parametrize("lock_name", LOCKS)
def test_whatever_a_locked_package_needs_here_is_locked_too(lock_name):
    """Walks the installed packages' own requirements from pyproject's, extras included."""
    pins = read_lock(lock_name)
    missing = []
    todo = [(req, set(req.extras)) for req in LOCKS[lock_name] if applies_here(req, set())]
    seen = set()
    while todo:
        requirement, extras = todo.pop()
        name = canonicalize_name(requirement.name)
        if (name, frozenset(extras)) in seen:
            continue
        seen.add((name, frozenset(extras)))
        if name not in pins or not requirement.specifier.contains(pins[name]["version"], True):
            missing.append(str(requirement))
            continue
        for needed in metadata.distribution(name).requires or []:
            needed = Requirement(needed)
            if applies_here(needed, extras):
                todo.append((needed, set(needed.extras)))
    assert missing == []


def test_the_installed_packages_are_the_locked_ones():
    pins = read_lock("requirements-test.lock")
    installed = {name: metadata.version(name) for name in pins}
    differ = {
        name: (str(pins[name]["version"]), version)
        for name, version in installed.items()
        if Version(version) != pins[name]["version"]
    }
    assert differ == {}, "installed packages differ from the lock: run make install-test"
