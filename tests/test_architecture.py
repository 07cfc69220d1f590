"""The house has one direction (docs/architecture.md): an app uses only the apps on the
floors below it and the floor of shared helpers, `lib/`, which uses no app. Judged by app,
from every .py file in it, so new modules are covered."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. Apps on one floor stand side by side and use neither each other.
FLOORS = [
    ["accounts"],
    ["sharing"],
    ["symptoms"],
    ["treatments"],
    ["triggers"],
    ["analysis"],
    ["weekly", "transfers"],
    ["visits"],
    ["demo", "offline", "upkeep"],
]
FLOOR = {app: number for number, apps in enumerate(FLOORS) for app in apps}
# The floor below every app: plain helpers (form fields, limits, rules and labels, SVG
# drawing) that any app may use and that use no app, nor the project package.
LIB = "lib"
# The project package: its settings, URLs and converters stand above every app.
PROJECT = "msjournal"
# A model named in a string ("sharing.Invitation") ties two apps as an import does.
LAZY_MODEL = re.compile(r"^([a-z_]+)\.[A-Z]\w*$")


def used_modules(source: str) -> set[str]:
    """Every absolute module the source imports or names a model of, dotted."""
    used = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            used.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            used.add(node.module)
            if node.module in (PROJECT, LIB):  # `from lib import svg` uses lib.svg
                used.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            used.update(LAZY_MODEL.findall(node.value))
    return used


def upward_uses(app: str, source: str) -> list[str]:
    """What source, a module of app, uses that stands above app or beside it."""
    wrong = set()
    for module in used_modules(source):
        top = module.split(".")[0]
        if top == PROJECT or top in FLOOR and top != app and FLOOR[top] >= FLOOR[app]:
            wrong.add(module)
    return sorted(wrong)


def lib_uses(source: str) -> list[str]:
    """What source, a module of lib/, uses of the apps or the project package."""
    ours = FLOOR.keys() | {PROJECT}
    return sorted(m for m in used_modules(source) if m.split(".")[0] in ours)


def sources(app: str) -> list[Path]:
    return sorted((ROOT / app).rglob("*.py"))


def test_every_app_of_the_project_stands_on_a_floor():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == FLOOR.keys()


@pytest.mark.parametrize("app", FLOOR)
def test_an_app_uses_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): used
        for path in sources(app)
        if (used := upward_uses(app, path.read_text()))
    }
    assert wrong == {}


def test_the_shared_helpers_use_no_app_and_not_the_project():
    wrong = {
        str(path.relative_to(ROOT)): used
        for path in sources(LIB)
        if (used := lib_uses(path.read_text()))
    }
    assert wrong == {}


def test_the_shared_helpers_hold_no_models():
    assert not (ROOT / LIB / "models.py").exists()
    assert not (ROOT / LIB / "apps.py").exists()


def test_the_statistics_use_no_django_and_no_other_part_of_the_journal():
    """analysis/stats/ is plain Python, tested on hand-made days without a database."""
    ours = FLOOR.keys() | {PROJECT, "django"}
    wrong = {
        str(path.relative_to(ROOT)): sorted(outside)
        for path in sorted((ROOT / "analysis" / "stats").rglob("*.py"))
        if (
            outside := {
                m
                for m in used_modules(path.read_text())
                if m.split(".")[0] in ours and not m.startswith("analysis.stats")
            }
        )
    }
    assert wrong == {}


# The checker itself, on sources written to break the rule.


def test_the_checker_catches_an_import_from_a_floor_above():
    source = "from triggers.models import CheckIn\n"
    assert upward_uses("symptoms", source) == ["triggers.models"]


def test_the_checker_catches_an_import_inside_a_function():
    source = "def card():\n    import weekly.summary\n    return weekly.summary\n"
    assert upward_uses("triggers", source) == ["weekly.summary"]


def test_the_checker_catches_a_sibling_on_the_same_floor():
    assert upward_uses("weekly", "from transfers import fhir\n") == ["transfers"]


def test_the_checker_catches_a_model_named_in_a_string():
    source = 'models.ForeignKey("visits.VisitPrep", on_delete=models.CASCADE)\n'
    assert upward_uses("sharing", source) == ["visits"]


def test_the_checker_catches_the_project_package_but_not_the_shared_helpers():
    source = "from lib.http import posted\nfrom lib import svg\nfrom msjournal import urls\n"
    assert upward_uses("accounts", source) == ["msjournal", "msjournal.urls"]


def test_the_checker_catches_a_shared_helper_that_uses_an_app():
    source = "from lib.limits import EARLIEST_DATE\n\ndef f():\n    import symptoms.models\n"
    assert lib_uses(source) == ["symptoms.models"]
    assert lib_uses('x = "treatments.Treatment"\nfrom msjournal import env\n') == [
        "msjournal",
        "msjournal.env",
        "treatments",
    ]


def test_the_checker_lets_an_app_use_itself_and_the_floors_below():
    source = (
        "from accounts.models import User\nfrom sharing.access import journal_view\n"
        "from symptoms.models import Entry\nfrom triggers.daily import recorded_days\n"
        "from . import charts\n"
    )
    assert upward_uses("triggers", source) == []
