"""Phone screenshots of every page a person sees, for docs/screenshots/.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots] [--full-page]

Serves the app with gunicorn on a throwaway database holding the demo journal
(`manage.py seed_demo`), adds what the demo lacks for the pages to show something (two
treatments with a dose change, doses and a side effect; a caregiver who has looked around;
a pending invitation; a second patient, so the caregiver chooses between journals), then
opens each page in headless Chromium (/usr/bin/chromium) at 390×844, device scale 2, and
saves what the screen shows: <page>-phone.png, a few in dark mode (<page>-dark.png) and
at 320 px (<page>-320.png), a few whole pages on a phone or a 1280 px desktop
(<page>-phone.png, <page>-desktop.png). --full-page saves whole pages instead, for reviewing below
the fold (not for the docs: the files grow large).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import served  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "timezone_id": "Europe/London",  # the demo patient's zone: the profile offers no other
}
SMALL_PHONE = PHONE | {"viewport": {"width": 320, "height": 568}}
DESKTOP = {
    "viewport": {"width": 1280, "height": 800},
    "device_scale_factor": 1,
    "is_mobile": False,
    "has_touch": False,
}
CARER_EMAIL = "sam@example.com"
BAD_ENTRIES_CSV = (
    "when,kind,severity,regions\n2026-03-02T08:15,spasm,12,left_leg\nyesterday,cramp,4,left_knee\n"
)


def stage() -> None:
    """Add to the demo journal what the pages need; prints the keys the shots use as JSON.

    Runs inside the app (`manage.py shell`), after seed_demo.
    """
    from accounts.models import User
    from bench.served import login_session
    from demo.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD
    from sharing.models import Invitation
    from symptoms.models import Entry
    from treatments.services import dose_log_create, side_effect_record, treatment_start

    alex = User.objects.get(email=DEMO_EMAIL)
    today = alex.today()

    def start(name: str, mg: int, schedule: str, days_ago: int, times_a_day=None):
        return treatment_start(
            patient=alex,
            name=name,
            kind="medicine",
            dose=Decimal(mg),
            unit="mg",
            schedule=schedule,
            times_a_day=times_a_day,
            started=today - dt.timedelta(days=days_ago),
        )

    baclofen = start("Baclofen", 10, "regular", 80, times_a_day=3)
    baclofen.change_dose(dose=Decimal(15), unit="mg", on=today - dt.timedelta(days=40))
    side_effect_record(
        treatment=baclofen, date=today - dt.timedelta(days=38), severity="mild", what="sleepiness"
    )
    tizanidine = start("Tizanidine", 2, "as_needed", 30)
    now = dt.datetime.now(tz=alex.zone)
    for days_ago in (1, 4, 9, 15):
        taken_at = now - dt.timedelta(days=days_ago, hours=2)
        dose_log_create(patient=alex, treatment=tizanidine, reason="spasm", taken_at=taken_at)

    # A caregiver who cares for Alex and for Jo, keeps no journal of their own.
    carer = User.objects.create_user(CARER_EMAIL, DEMO_PASSWORD, display_name="Sam")
    jo = User.objects.create_user("jo@example.com", DEMO_PASSWORD, display_name="Jo")
    for patient, permission in ((alex, "log"), (jo, "view")):
        invitation, _ = Invitation.issue(patient=patient, permission=permission)
        invitation.accept(caregiver=carer)
    _, token = Invitation.issue(patient=alex, permission="view", email="nurse@example.com")

    pain = Entry.objects.for_patient(alex).filter(kind="pain").order_by("-occurred_at").first()
    print(
        json.dumps(
            {
                "journal": alex.journal_key,
                "patient": login_session(alex),
                "leaving": login_session(alex),
                "carer": login_session(carer),
                "invitation": token,
                "pain": pain.pk,
                "baclofen": baclofen.pk,
            }
        )
    )


def carer_looks_around(base_url: str, keys: dict) -> None:
    """Real lines in Alex's access log: the caregiver opens a few of Alex's pages."""
    carer = served.Browser.logged_in(base_url, keys["carer"])
    journal = f"/j/{keys['journal']}"
    for path in ("/week/", "/history/", f"/entries/{keys['pain']}/", "/triggers/", "/summary/"):
        carer.get(journal + path)


class Camera:
    """Saves what a page shows under <name>-<variant>.png."""

    def __init__(self, out: Path, full_page: bool):
        self.out, self.full_page = out, full_page
        self.taken: list[Path] = []

    def shoot(self, page, name: str, variant: str = "phone", *, whole: bool = False) -> None:
        """`whole`: the whole page, where what matters does not fit one screen."""
        page.wait_for_load_state("load")
        path = self.out / f"{name}-{variant}.png"
        whole = whole or self.full_page
        page.screenshot(path=str(path), full_page=whole, animations="disabled")
        self.taken.append(path)


def new_page(browser, base_url: str, session: str | None = None, **options):
    context = browser.new_context(**(PHONE | options))
    context.set_default_timeout(15_000)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
    return context.new_page()


def heading(page, text: str) -> None:
    page.get_by_role("heading", name=text).first.wait_for()


def link(name: str):
    return lambda page: page.get_by_role("link", name=name, exact=True)


def button(name: str):
    return lambda page: page.get_by_role("button", name=name)


def on_the_map(name: str):
    return lambda page: page.locator(".body-map").get_by_role("link", name=name, exact=True)


def nerve_pain(page):
    return page.locator("a[href*='pain_type=nerve']")


QUICK_SPASM = [
    (link("Spasm"), "Spasm: where?", "quick-spasm-place"),
    (link("Both legs"), "Spasm in both legs: how bad?", "quick-spasm-severity"),
    (button("Severity 6 of 10"), "Saved: spasm 6/10", "quick-spasm-saved"),
]
# symptoms.forms.PAIN_STEPS, by the names in their addresses (this script runs outside
# Django); Skip leads from each to the next.
PAIN_STEPS = ("feels", "pattern", "new", "eases", "worse", "before", "interference", "example")
QUICK_PAIN = [
    (link("Pain"), "Pain: what kind?", "quick-pain-kind"),
    (nerve_pain, "Nerve pain: where?", "quick-pain-place"),
    (on_the_map("Left foot"), "Nerve pain in left foot: how bad?", "quick-pain-severity"),
    (button("Severity 5 of 10"), "Saved: pain 5/10", "quick-pain-saved"),
]


def tap_through(page, camera: Camera, home: str, taps: list) -> None:
    """From the home screen, tap each control and shoot the card htmx swaps in."""
    page.goto(home)
    for control, title, name in taps:
        control(page).tap()
        heading(page, title)
        camera.shoot(page, name)


def quick_logs(page, camera: Camera, home: str) -> None:
    """The quick spasm log and the quick pain path, a tap at a time, then the pain's
    optional steps."""
    tap_through(page, camera, home, QUICK_SPASM)
    tap_through(page, camera, home, QUICK_PAIN)
    page.get_by_role("link", name="What it feels like").tap()
    for step in PAIN_STEPS:
        page.wait_for_url(f"**step={step}")
        camera.shoot(page, f"pain-more-{step}")
        if step != PAIN_STEPS[-1]:
            page.get_by_role("link", name="Skip this step").tap()


def patient_pages(page, camera: Camera, keys: dict, base_url: str) -> None:
    journal = f"{base_url}/j/{keys['journal']}"
    pages = {
        "home": "/",
        "spasm-form": "/log/spasm/details/",
        "pain-form": "/log/pain/",
        "history": "/history/",
        "entry": f"/entries/{keys['pain']}/",
        "check-in": "/checkin/",
        "triggers": "/triggers/",
        "own-triggers": "/triggers/mine/",
        "week": "/week/",
        "summary": "/summary/",
        "print": "/summary/print/",
        "treatments": "/treatments/",
        "treatment-dose": f"/treatments/{keys['baclofen']}/dose/",
        "treatment-effect": f"/treatments/{keys['baclofen']}/effect/",
        "sharing": "/sharing/",
        "import": "/import/",
    }
    for name, path in pages.items():
        page.goto(journal + path)
        camera.shoot(page, name)

    page.goto(journal + "/sharing/")
    page.locator("[aria-labelledby=log-title]").evaluate("e => e.scrollIntoView()")
    camera.shoot(page, "access-log")

    page.goto(journal + "/log/spasm/details/")
    page.get_by_role("button", name="Save").click()
    page.locator(".form-problem, .errorlist").first.wait_for()
    camera.shoot(page, "spasm-form-errors")

    page.goto(journal + "/import/")
    page.get_by_label("Entries file (CSV)").set_input_files(
        {"name": "entries.csv", "mimeType": "text/csv", "buffer": BAD_ENTRIES_CSV.encode()}
    )
    page.get_by_role("button", name="Send the files").click()
    page.get_by_text("Nothing was imported").wait_for()
    camera.shoot(page, "import-errors")

    for name, path in {"import-guide": "/import/guide/", "profile": "/accounts/profile/"}.items():
        page.goto(base_url + path)
        camera.shoot(page, name)
    quick_logs(page, camera, journal + "/")


def variants(browser, camera: Camera, keys: dict, base_url: str) -> None:
    """Dark mode, the smallest phones, and the profile on a phone in another zone."""
    journal = f"{base_url}/j/{keys['journal']}"
    dark = new_page(browser, base_url, keys["patient"], color_scheme="dark")
    for name, path in {"home": "/", "triggers": "/triggers/", "week": "/week/"}.items():
        dark.goto(journal + path)
        camera.shoot(dark, name, "dark")
    small = new_page(browser, base_url, keys["patient"], **SMALL_PHONE)
    for name, path in {"home": "/", "sharing": "/sharing/"}.items():
        small.goto(journal + path)
        camera.shoot(small, name, "320")
    travelling = new_page(browser, base_url, keys["patient"], timezone_id="Europe/Berlin")
    travelling.goto(base_url + "/accounts/profile/")
    travelling.get_by_text("Your phone is set to").wait_for()
    travelling.locator(".zone-hint").scroll_into_view_if_needed()
    camera.shoot(travelling, "profile-time-zone")


def other_people(browser, camera: Camera, keys: dict, base_url: str) -> None:
    """The caregiver's chooser, the invitation, and the pages before and after logging in."""
    carer = new_page(browser, base_url, keys["carer"])
    carer.goto(base_url + "/")
    camera.shoot(carer, "caregiver-chooser")

    stranger = new_page(browser, base_url)
    invitation = f"/invitations/{keys['invitation']}/"
    shots: dict[str, str] = {
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "invitation": invitation,
        "invitation-signup": f"/accounts/signup/?next={invitation}",
    }
    for name, path in shots.items():
        stranger.goto(base_url + path)
        camera.shoot(stranger, name)

    leaving = new_page(browser, base_url, keys["leaving"])
    leaving.goto(base_url + "/accounts/logout/")
    camera.shoot(leaving, "logout")
    leaving.locator("main").get_by_role("button", name="Log out").click()
    leaving.wait_for_url("**/accounts/login/**")
    camera.shoot(leaving, "logged-out")


def body_maps(browser, camera: Camera, keys: dict, base_url: str) -> None:
    """The body map where each page shows it, scrolled to: places ticked on the pain form,
    the history filtered by a place, the week's and the visit summary's shaded body."""
    journal = f"{base_url}/j/{keys['journal']}"
    page = new_page(browser, base_url, keys["patient"])
    page.goto(journal + "/log/pain/")
    for place in ("Left side of face", "Neck", "Left leg"):
        page.locator(".body-map label.spot").filter(has_text=place).tap()
    page.locator(".region-picker").scroll_into_view_if_needed()
    camera.shoot(page, "body-map-pain-form")
    page.goto(journal + "/history/?regions=left_leg&regions=right_leg")
    page.locator(".region-picker").scroll_into_view_if_needed()
    camera.shoot(page, "body-map-history")
    for name, path in {"body-map-week": "/week/", "body-map-summary": "/summary/print/"}.items():
        page.goto(journal + path)
        page.locator(".body-summary").evaluate("e => e.scrollIntoView()")
        camera.shoot(page, name)


def explore(browser, camera: Camera, keys: dict, base_url: str) -> None:
    """Explore as it first shows (the server's chart), then plotly's chart once asked for,
    on a phone and on a laptop, with the values of a day under the pointer and the buttons
    that show or hide each series under it."""
    path = f"{base_url}/j/{keys['journal']}/explore/"
    screens = {"phone": PHONE, "desktop": DESKTOP}
    for variant, screen in screens.items():
        page = new_page(browser, base_url, keys["patient"], **screen)
        page.goto(path)
        camera.shoot(page, "explore", variant)
        page.get_by_role("button", name="Zoom and explore").click()
        page.get_by_role("group", name="Show on the chart").wait_for()
        # The plot at the top of the screen, the first of the buttons under it in view.
        page.locator("#explore-plot").evaluate("e => e.scrollIntoView()")
        area = page.locator("#explore-plot .nsewdrag").bounding_box()
        page.mouse.move(area["x"] + area["width"] * 0.6, area["y"] + area["height"] / 2)
        page.locator(
            "#explore-plot .hoverlayer .legend, #explore-plot .hoverlayer text"
        ).first.wait_for()
        camera.shoot(page, "explore-zoomable", variant)


def clinician_link(browser, camera: Camera, keys: dict, base_url: str) -> None:
    """A clinician link just made on the phone, with its QR code; then what it opens on the
    clinic's desktop, where nobody is logged in. Whole pages both."""
    page = new_page(browser, base_url, keys["patient"])
    page.goto(f"{base_url}/j/{keys['journal']}/summary/links/")
    page.get_by_role("button", name="Make the link").click()
    page.locator("figure.qr-code svg").wait_for()
    camera.shoot(page, "clinician-link", whole=True)
    clinic = new_page(browser, base_url, **DESKTOP)
    clinic.goto(page.get_by_label("Link", exact=True).input_value())
    clinic.get_by_role("button", name="Open the summary").click()
    heading(clinic, "Summary for the neurologist")
    camera.shoot(clinic, "clinician-page", "desktop", whole=True)


def offline_logging(browser, camera: Camera, keys: dict, base_url: str) -> None:
    """The page a phone shows for a quick log with no connection: the body map above the
    list of places, for the journal last opened. The whole page."""
    page = new_page(browser, base_url, keys["patient"])
    page.goto(f"{base_url}/j/{keys['journal']}/")
    page.wait_for_function("() => localStorage.getItem('msjournal-journal')")
    page.goto(base_url + "/offline/")
    heading(page, "Log a spasm")
    camera.shoot(page, "offline", whole=True)


SCENES: list[Callable] = [
    variants,
    other_people,
    body_maps,
    explore,
    clinician_link,
    offline_logging,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):  # a page renamed or gone leaves no stale picture
        old.unlink()
    camera = Camera(args.out, args.full_page)
    with tempfile.TemporaryDirectory() as folder, served.throwaway_database(Path(folder)) as db:
        env = served.app_env(db)
        served.manage(env, "migrate", "--noinput", "-v0")
        served.manage(env, "collectstatic", "--noinput", "-v0")
        served.manage(env, "seed_demo")
        keys = served.django_json(env, "from bench.screenshots import stage; stage()")
        with served.gunicorn(env, workers=2) as base_url, sync_playwright() as p:
            carer_looks_around(base_url, keys)
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            patient_pages(new_page(browser, base_url, keys["patient"]), camera, keys, base_url)
            for scene in SCENES:
                scene(browser, camera, keys, base_url)
            browser.close()
    for path in camera.taken:
        print(f"{path.stat().st_size / 1000:6.0f} KB  {path.name}")


if __name__ == "__main__":
    main()
