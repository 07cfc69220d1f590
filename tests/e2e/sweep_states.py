"""Every page a person reaches, in the states the journeys leave it in.

A state is who is logged in, the page's URL name (so the address comes from the URL
configuration, as a person's link would) and, where the page must first be brought
somewhere, what they do on it: send a form with bad input, take a quick-log step.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from playwright.sync_api import Page, expect

from symptoms.forms import PAIN_STEPS
from tests.support.makers import PASSWORD

Action = Callable[[Page], None]


@dataclass(frozen=True)
class State:
    label: str
    who: str | None  # "pat", "anna", "nell", or None for nobody logged in
    url_name: str
    args: tuple[str, ...] = ()  # names from the sweep world: a journal, a thing, a token
    query: str = ""
    then: Action | None = None
    lands_on: str | None = None  # the page a full-page form post ends on

    def path(self, world: dict) -> str:
        values = [_value(world, name) for name in self.args]
        if values and isinstance(values[0], dict):
            return reverse(self.url_name, kwargs=values[0])
        query = self.query.format(**world["pk"])
        return reverse(self.url_name, args=values) + (f"?{query}" if query else "")


def _value(world: dict, name: str):
    for table in (world["journal"], world["pk"], world):
        if name in table:
            return table[name]
    return name


def own(label: str, url_name: str, *args: str, who: str = "pat", **fields) -> State:
    """A page of the person's own journal."""
    return State(label, who, url_name, (who, *args), **fields)


def caring(label: str, url_name: str, *args: str, journal: str = "pat", **fields) -> State:
    """A page of someone else's journal, as Anna the caregiver sees it."""
    return State(label, "anna", url_name, (journal, *args), **fields)


def bad_input(values: dict[str, str], form: str = "main form[method=post]") -> Action:
    """Fill the form as a browser without checks would let a person, send it, and wait
    for the form to come back with its errors."""

    def send(page: Page) -> None:
        page.eval_on_selector(
            form,
            """(form, values) => {
                form.noValidate = true;
                for (const [name, value] of Object.entries(values)) {
                    for (const el of form.querySelectorAll(`[name="${name}"]`)) {
                        if (el.type === 'radio' || el.type === 'checkbox') {
                            el.checked = el.value === value;
                        } else {
                            el.value = value;
                            // a date picker refuses words: type them as a plain box would
                            if (el.value !== value) { el.type = 'text'; el.value = value; }
                        }
                    }
                }
                form.requestSubmit();
            }""",
            values,
        )
        expect(page.locator(".errorlist, .form-problem").first).to_be_visible()

    return send


def tap(role: str, name: str, shows: str) -> Action:
    def act(page: Page) -> None:
        page.get_by_role(role, name=name).click()
        expect(page.get_by_role("heading", name=shows)).to_be_visible()

    return act


def showing(text: str) -> Action:
    """Nothing to do but make sure the page is the one meant: a link's address that opens
    nothing is a 404 under the same URL name."""

    def look(page: Page) -> None:
        expect(page.get_by_text(text).first).to_be_visible()

    return look


def _rejected_import(page: Page) -> None:
    bad = "when,kind,severity,regions\nsoon,spasm,eleven,left_leg\n2126-01-01T08:00,spasm,3,x\n"
    page.get_by_label("Entries file (CSV)").set_input_files(
        {
            "name": "my-old-diary-from-a-spreadsheet.csv",
            "mimeType": "text/csv",
            "buffer": bad.encode(),
        }
    )
    page.get_by_role("button", name="Send the files").click()
    expect(page.get_by_text(re.compile(r"Nothing was imported: [2-9] problems"))).to_be_visible()


def _wrong_password(page: Page) -> None:
    page.get_by_label("E-mail address").fill("nobody@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errorlist, .form-problem").first).to_be_visible()


def _confirm_password(page: Page) -> None:
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()


def _request_code(page: Page) -> None:
    page.get_by_role("button", name="Request Code").click()
    page.wait_for_load_state()


def _wrong_code(page: Page) -> None:
    _request_code(page)
    page.get_by_label("Code").fill("WRONG1")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".errorlist, .form-problem").first).to_be_visible()


def _zoomable(page: Page) -> None:
    """Explore's plotly chart, drawn once asked for."""
    page.get_by_role("button", name="Zoom and explore").click()
    expect(page.get_by_role("group", name="Show on the chart")).to_be_visible()


PAIN_WHERE = "pain_type=nerve"
PAIN_HOW_BAD = "pain_type=nerve&region=chest_band"

JOURNAL = [
    own("home", "home"),
    own("home, empty journal", "home", who="nell"),
    own("quick spasm: where", "quick_spasm"),
    own("quick spasm: how bad", "quick_spasm", query="region=both_legs"),
    own(
        "quick spasm: saved",
        "quick_spasm",
        query="region=both_legs",
        then=tap("button", "Severity 4 of 10", "Saved: spasm 4/10"),
    ),
    own("quick pain: what kind", "quick_pain"),
    own("quick pain: where", "quick_pain", query=PAIN_WHERE),
    own("quick pain: how bad", "quick_pain", query=PAIN_HOW_BAD),
    own(
        "quick pain: saved",
        "quick_pain",
        query=PAIN_HOW_BAD,
        then=tap("button", "Severity 7 of 10", "Saved: pain 7/10"),
    ),
    *[
        own(f"pain, optional step {step}", "pain_more", "pain", query=f"step={step}")
        for step in PAIN_STEPS
    ],
    own("spasm form", "spasm_create"),
    own("spasm form with errors", "spasm_create", then=bad_input({"severity": "11"})),
    own("pain form", "pain_create"),
    own("pain form with errors", "pain_create", then=bad_input({"severity": ""})),
    own("a spasm", "entry_detail", "spasm"),
    own("a pain with new symptoms", "entry_detail", "pain"),
    own("editing an entry", "entry_edit", "pain"),
    own("deleting an entry", "entry_delete", "spasm"),
    own("history", "history"),
    own("history, empty journal", "history", who="nell"),
    own("check-in", "check_in"),
    own("check-in with errors", "check_in", then=bad_input({"sleep_hours": "30"})),
    own("yesterday's check-in", "check_in_day", "yesterday"),
    own("triggers with findings", "insights"),
    own("triggers, empty journal", "insights", who="nell"),
    own("explore, three months", "explore"),
    own("explore, the whole journal", "explore", query="start="),
    own("explore, zoomable", "explore", then=_zoomable),
    own(
        "explore with errors",
        "explore",
        then=bad_input({"start": "2026-03-10", "end": "2026-03-01"}, form="main form.dates"),
    ),
    own("explore, empty journal", "explore", who="nell"),
    own("own triggers", "own_triggers"),
    own(
        "own triggers with errors",
        "own_triggers",
        then=bad_input({"name": ""}, form="main form[novalidate]"),
    ),
    own("weather from a place, off", "weather_place", who="nell"),
    own("weather from a place, on, with the places before", "weather_place"),
    own("weather: an empty search", "weather_place", query="country=GB&q="),
    own("weather: the service down", "weather_place", query="country=GB&q=Leeds"),
    own(
        "weather: coordinates off the map",
        "weather_place",
        then=bad_input({"latitude": "123", "longitude": "-1.5"}, form="#place-here"),
    ),
    own("stopping the weather", "weather_stop"),
    own(
        "stopping the weather without a choice",
        "weather_stop",
        then=bad_input({}, form="main form[novalidate]"),
    ),
    own("stopping the weather, none set", "weather_stop", who="nell"),
    own("sleep and steps, brought in", "health"),
    own("sleep and steps, none yet", "health", who="nell"),
    own(
        "sleep and steps: no file chosen",
        "health",
        who="nell",
        then=bad_input({}, form="main form[enctype]"),
    ),
    own("sleep and steps: one export's progress", "health_progress", "health_import"),
    own("deleting the sleep and steps brought in", "health_delete"),
    own("deleting the sleep and steps, none there", "health_delete", who="nell"),
    own("the week so far", "week"),
    own("a past week", "week_of", "last_monday"),
    own("the week, empty journal", "week", who="nell"),
    own("treatments", "treatment_list"),
    own("treatments, empty journal", "treatment_list", who="nell"),
    own("adding a treatment", "treatment_add"),
    own("adding a treatment with errors", "treatment_add", then=bad_input({"name": ""})),
    own("changing a dose", "treatment_dose", "treatment"),
    own("stopping a treatment", "treatment_stop", "treatment"),
    own("a side effect", "side_effect_add", "treatment"),
    own("a side effect with errors", "side_effect_add", "treatment", then=bad_input({"what": ""})),
    own("a dose: what for", "dose_log", query="treatment={treatment}"),
    own("did the treatment help", "treatment_effect", "treatment"),
    own("visit summary", "summary"),
    own(
        "visit summary with errors",
        "summary",
        then=bad_input({"last_visit": "last spring"}, form="form[action$='/prepare/']"),
        lands_on="summary_prepare",
    ),
    own("visit summary, empty journal", "summary", who="nell"),
    own("print page", "summary_print"),
    own("print page, empty journal", "summary_print", who="nell"),
    own("clinician links", "clinician_links"),
    own(
        "clinician links with errors",
        "clinician_links",
        then=bad_input({"pin": "12ab", "start": "2026-03-10", "end": "2026-03-01"}),
    ),
    own(
        "clinician links, a new link",
        "clinician_links",
        then=tap("button", "Make the link", "Your link"),
    ),
    own("clinician links, none made", "clinician_links", who="nell"),
    own("sharing", "sharing"),
    own(
        "sharing with errors",
        "sharing",
        then=bad_input({"email": "not-an-address"}, form="main form[novalidate]"),
    ),
    own("sharing, empty journal", "sharing", who="nell"),
    own("import", "import"),
    own("import with errors", "import", then=_rejected_import),
]

CAREGIVER = [
    State("the journal chooser", "anna", "start"),
    caring("a cared-for journal", "home"),
    caring("a view-only journal", "home", journal="quinn"),
    caring("triggers, no clear pattern yet", "insights", journal="quinn"),
    caring("a cared-for week", "week"),
    caring("a cared-for explore", "explore"),
    caring("a cared-for history", "history"),
    caring("a cared-for spasm", "entry_detail", "spasm"),
    caring("a cared-for treatment list", "treatment_list"),
    caring("a cared-for visit summary", "summary"),
    caring("clinician links, made by a caregiver", "clinician_links"),
]

# What a clinician link opens, for someone with no account.
CLINIC = [
    State(
        "a clinician link: its PIN",
        None,
        "clinician_shared",
        ("clinician_pin_token",),
        then=showing("The patient set a PIN for this link."),
    ),
    # Not a wrong PIN, which would count towards locking the link, but no PIN at all.
    State(
        "a clinician link: a PIN that is no PIN",
        None,
        "clinician_shared",
        ("clinician_pin_token",),
        then=bad_input({"pin": "12ab"}),
    ),
    State(
        "a clinician link: its door",
        None,
        "clinician_shared",
        ("clinician_token",),
        then=showing("A patient has shared the summary of their MS Journal with you"),
    ),
    State(
        "a clinician link: the summary",
        None,
        "clinician_shared",
        ("clinician_token",),
        then=tap("button", "Open the summary", "Summary for the neurologist"),
    ),
]

ACCOUNT = [
    State("log in", None, "account_login"),
    State("log in with errors", None, "account_login", then=_wrong_password),
    State("sign up", None, "account_signup"),
    State(
        "sign up with errors",
        None,
        "account_signup",
        then=bad_input({"email": "pat", "password1": "short", "password2": "other"}),
    ),
    State("password reset", None, "account_reset_password"),
    State(
        "password reset with errors",
        None,
        "account_reset_password",
        then=bad_input({"email": "pat"}),
    ),
    State("password reset sent", None, "account_reset_password_done"),
    State("new password", None, "account_reset_password_from_key", ("reset",)),
    State("new password set", None, "account_reset_password_from_key_done"),
    State("confirm the address", None, "account_confirm_email", ("confirmation_key",)),
    State("confirmation sent", None, "account_email_verification_sent"),
    State("account inactive", None, "account_inactive"),
    State("account deleted", None, "account_deleted"),
    State("an invitation", None, "invitation", ("invitation_token",)),
    State("an invitation no longer there", None, "invitation", ("no-such-invitation",)),
    State("import guide", "pat", "import_guide"),
    State("offline logging", "pat", "offline"),
    State("profile", "pat", "profile"),
    State("profile with errors", "pat", "profile", then=bad_input({"heat_threshold": "99"})),
    State("reminders", "pat", "reminders"),
    State("reminders, for a caregiver", "anna", "reminders"),
    State("password change", "pat", "account_change_password"),
    State("e-mail addresses", "pat", "account_email"),
    State("two-factor", "pat", "mfa_index"),
    State(
        "two-factor: set up",
        "pat",
        "account_reauthenticate",
        query="next=/accounts/2fa/totp/activate/",
        then=_confirm_password,
        lands_on="mfa_activate_totp",
    ),
    State("confirm it is you", "pat", "account_reauthenticate"),
    State("confirm it is you by code", "pat", "account_request_reauthentication_code"),
    State(
        "sign-in code sent",
        "pat",
        "account_request_reauthentication_code",
        then=_request_code,
        lands_on="account_confirm_reauthentication_code",
    ),
    State(
        "sign-in code wrong",
        "pat",
        "account_request_reauthentication_code",
        then=_wrong_code,
        lands_on="account_confirm_reauthentication_code",
    ),
    State("delete the account", "pat", "delete_account"),
    State("log out", "pat", "account_logout"),
]

STATES = [*JOURNAL, *CAREGIVER, *CLINIC, *ACCOUNT]

# Addresses that are no page to look at, or that only a switched-off feature reaches.
LEFT_OUT = {
    "export_csv": "a file to download",
    "export_fhir": "a file to download",
    "summary_pdf": "a PDF to download",
    "manifest": "the installed app's manifest, not a page",
    "service_worker": "the installed app's script, not a page",
    "healthz": "the health check for a load balancer or monitor, plain text, not a page",
    "clinician_shared_pdf": "a PDF to download",
    "clinician_shared_fhir": "a file to download",
    "clinician_link_revoke": "a button on the clinician links page; answers with a redirect",
    "clinician_link_rule": "a form on the clinician links page; answers with a redirect",
    "access_permission": "a button on the sharing page; answers with a redirect",
    "access_revoke": "a button on the sharing page; answers with a redirect",
    "invitation_withdraw": "a button on the sharing page; answers with a redirect",
    "own_trigger_delete": "a button on the own-triggers page; answers with a redirect",
    "dose_delete": "the undo button of a saved dose; answers with the home page",
    "push_subscribe": "the reminders page's script posts a browser's subscription; answers JSON",
    "push_device_remove": "a button on the reminders page; answers with a redirect",
    "push_test": "a button on the reminders page; answers with a redirect",
    "reminder_taken": "a notification's button, posted by the service worker",
    "reminder_later": "a notification's button, posted by the service worker",
    "account_set_password": "for an account without a password; every account has one",
    "account_confirm_login_code": "log-in by e-mailed code is switched off",
    "mfa_authenticate": "only reached while logging in with two-factor switched on",
    "mfa_reauthenticate": "only reached with two-factor switched on",
    "mfa_deactivate_totp": "only reached with two-factor switched on",
    "mfa_generate_recovery_codes": "only reached with two-factor switched on",
    "mfa_view_recovery_codes": "only reached with two-factor switched on",
    "mfa_download_recovery_codes": "a file to download, with two-factor switched on",
}
