"""The house has one direction (docs/architecture.md): an app uses only the apps on the
floors below it and the floor of shared helpers, `lib/`, which uses no app. Judged by app,
from every .py file in it and every template in its folder of templates/, so new modules
and pages are covered."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

from tests.support.house import FLOOR, LIB, PROJECT, ROOT, page_owners

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


# Python names a page by its URL name in reverse() and its kin.
URL_CALLS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}


def library_owners() -> dict[str, str]:
    """Each template tag library ({% load name %}) and the package it comes from."""
    return {
        name: module.split(".")[0] for name, module in engines["django"].engine.libraries.items()
    }


def is_above(app: str, other: str) -> bool:
    """Whether other stands above app or beside it: what app may not use."""
    return other in FLOOR and other != app and FLOOR[other] >= FLOOR[app]


def upward_url_names(app: str, source: str, pages: dict[str, str]) -> list[str]:
    """The pages of apps above app or beside it that source, a module of app, names."""
    wrong = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else node.func
            name = node.args[0].value
            if getattr(called, "id", called) in URL_CALLS and is_above(app, pages.get(name, "")):
                wrong.add(name)
    return sorted(wrong)


# Only names written out can be judged; `{% include card %}` names its template in a variable.
TEMPLATE_URL = re.compile(r"""{%\s*url\s+(['"])([\w:.-]+)\1""")
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
TEMPLATE_INCLUDE = re.compile(r"""{%\s*include\s+(['"])([^'"#]+)""")
TEMPLATES = ROOT / "templates"


def template_app(name: str) -> str:
    """The app a template belongs to: the one whose folder of templates/ holds it. The
    rest (base.html, the error pages, the pages of allauth made ours) are the project's."""
    folder = name.split("/")[0] if "/" in name else ""
    return folder if folder in FLOOR else PROJECT


def template_uses(text: str) -> tuple[set[str], set[str], set[str]]:
    """The URL names, tag libraries and included templates a template names."""
    loaded = set()
    for found in TEMPLATE_LOAD.findall(text):
        words = found.split()
        loaded.update(words[-1:] if "from" in words else words)
    return (
        {name for _, name in TEMPLATE_URL.findall(text)},
        loaded,
        {name for _, name in TEMPLATE_INCLUDE.findall(text)},
    )


def upward_in_template(
    app: str, text: str, pages: dict[str, str], libraries: dict[str, str]
) -> list[str]:
    """What a template of app links to, loads or includes of the apps above it or beside it.

    The project's own templates are not included by an app's either (their fragments that
    name no app are the exception, held by a test of their own), but every page extends
    base.html: the frame, whose menu is the project's as its URLs are."""
    urls, loaded, included = template_uses(text)
    wrong = [f"url {name}" for name in urls if is_above(app, pages.get(name, ""))]
    wrong += [f"load {name}" for name in loaded if is_above(app, libraries.get(name, ""))]
    wrong += [f"include {name}" for name in included if is_above(app, template_app(name))]
    return sorted(wrong)


def template_names() -> list[str]:
    return sorted(
        str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*") if path.is_file()
    )


@pytest.mark.parametrize("app", FLOOR)
def test_an_app_names_no_page_of_an_app_above_it(app):
    pages = page_owners()
    wrong = {
        str(path.relative_to(ROOT)): used
        for path in sources(app)
        if "migrations" not in path.parts  # their data stays as it was when written
        and (used := upward_url_names(app, path.read_text(), pages))
    }
    assert wrong == {}


@pytest.mark.parametrize("app", FLOOR)
def test_an_apps_templates_use_only_the_apps_below_it(app):
    pages, libraries = page_owners(), library_owners()
    wrong = {
        name: used
        for name in template_names()
        if template_app(name) == app
        and (used := upward_in_template(app, (TEMPLATES / name).read_text(), pages, libraries))
    }
    assert wrong == {}


def test_the_project_templates_the_apps_include_name_no_app():
    """A fragment at the root (_form_errors.html) is included by pages of every floor, so
    it links to no app's page and loads no app's tags: it stands below them all."""
    pages, libraries = page_owners(), library_owners()
    included = {
        name
        for page in template_names()
        if template_app(page) != PROJECT
        for name in template_uses((TEMPLATES / page).read_text())[2]
        if template_app(name) == PROJECT
    }
    assert included, "the apps include the project's form fragments"
    wrong = {}
    for name in sorted(included):
        urls, loaded, _ = template_uses((TEMPLATES / name).read_text())
        used = {pages[url] for url in urls if url in pages}
        used |= {libraries[lib] for lib in loaded if libraries.get(lib) in FLOOR}
        if used:
            wrong[name] = sorted(used)
    assert wrong == {}


def test_the_apps_are_installed_floor_by_floor():
    """What apps lend a lower page (lib.slots) shows in the order they are installed,
    so the profile reads sharing, then triggers, then your data, as the floors go."""
    ours = [app for app in settings.INSTALLED_APPS if app in FLOOR]
    assert [FLOOR[app] for app in ours] == sorted(FLOOR[app] for app in ours)
    assert set(ours) == FLOOR.keys()


# Beside the apps' folders of tests: the browser tests, which cross every app, and what
# the tests share (people, diaries, the journal's URLs).
TEST_FOLDERS_OF_NO_APP = {"e2e", "support"}


def test_the_tests_mirror_the_code():
    """Each app's tests sit in tests/<app>/ (the project's in tests/msjournal/, the shared
    helpers' in tests/lib/), so a module's tests are found where the module is."""
    folders = {path.parent.name for path in (ROOT / "tests").glob("*/test_*.py")}
    homes = FLOOR.keys() | {LIB, PROJECT} | TEST_FOLDERS_OF_NO_APP
    assert folders <= homes, sorted(folders - homes)
    assert not list((ROOT / "tests").glob("test_*.py")), "every test file sits in its app's folder"
    assert not list((ROOT / "tests" / "support").glob("test_*.py"))


def test_a_test_file_imports_no_other():
    """What two test files share lives in tests/support/, not in one of them."""
    wrong = {
        str(path.relative_to(ROOT)): sorted(used)
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if (
            used := {
                module
                for module in used_modules(path.read_text())
                if module.startswith("tests.") and module.rsplit(".", 1)[-1].startswith("test_")
            }
        )
    }
    assert wrong == {}


FLOOR_ROW = re.compile(r"^\| (\d+) \| `(\w+)/` \|", re.MULTILINE)


def test_the_architecture_notes_draw_the_floors_of_this_test():
    """docs/architecture.md counts FLOORS from 1, lowest first; a move in one is a move in
    the other."""
    drawn = {
        app: int(floor)
        for floor, app in FLOOR_ROW.findall((ROOT / "docs" / "architecture.md").read_text())
    }
    assert drawn.pop(LIB) == 0, "the shared helpers stand below every app"
    assert drawn == {app: number + 1 for app, number in FLOOR.items()}


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


PAGES = {"treatment_effect": "analysis", "week": "weekly", "history": "symptoms"}
LIBRARIES = {"check_in": "triggers", "slots": LIB, "partials": "template_partials"}


def test_the_checker_catches_a_page_above_named_in_python():
    source = 'def accepted():\n    return redirect("week", key)\n'
    assert upward_url_names("sharing", source, PAGES) == ["week"]
    assert upward_url_names("weekly", 'reverse("history", args=[key])\n', PAGES) == []


def test_the_checker_catches_a_template_linking_to_a_page_above():
    text = "<a href=\"{% url 'treatment_effect' journal.key treatment.pk %}\">Did it help?</a>"
    assert upward_in_template("treatments", text, PAGES, LIBRARIES) == ["url treatment_effect"]
    assert upward_in_template("analysis", text, PAGES, LIBRARIES) == []


def test_the_checker_catches_a_template_loading_tags_of_an_app_above():
    text = "{% load partials check_in %}{% load slots %}{% todays_check_in journal %}"
    assert upward_in_template("symptoms", text, PAGES, LIBRARIES) == ["load check_in"]


def test_the_checker_catches_a_template_including_one_of_an_app_above():
    text = '{% include "analysis/_lent.html#treatment" %}{% include "_form_errors.html" %}'
    assert upward_in_template("treatments", text, PAGES, LIBRARIES) == [
        "include analysis/_lent.html"
    ]


def test_the_checker_tells_a_templates_app_by_its_folder():
    assert template_app("treatments/_treatment.html") == "treatments"
    assert template_app("base.html") == PROJECT
    assert template_app("account/login.html") == PROJECT
