"""What a caregiver did in a patient's journal, in the patient's words.

The access log stores an action code, "<url name>:<method>" ("entry_edit:POST"), and
phrases it when shown: old rows stay readable when the wording changes. Every journal
page a caregiver can open has its phrases here (a test sweeps the URL configuration).
"""

# url name -> (phrase for looking, phrase for sending a form); None: the page takes no form.
ACTIONS: dict[str, tuple[str, str | None]] = {
    "home": ("opened the journal's front page", None),
    "week": ("looked at the weekly review", None),
    "week_of": ("looked at an earlier weekly review", None),
    "history": ("looked through the history", None),
    "entry_detail": ("opened an entry", None),
    "entry_edit": ("opened an entry to change it", "changed an entry"),
    "entry_delete": ("opened an entry to delete it", "deleted an entry"),
    "quick_spasm": ("opened the quick spasm log", "logged a spasm"),
    "spasm_create": ("opened the spasm form", "logged a spasm"),
    "quick_pain": ("opened the quick pain log", "logged pain"),
    "pain_create": ("opened the pain form", "logged pain"),
    "pain_more": ("opened a step of the pain checklist", "added details to a pain entry"),
    "check_in": ("opened the daily check-in", "filled in the daily check-in"),
    "check_in_day": ("opened the check-in of an earlier day", "filled in an earlier check-in"),
    "insights": ("looked at what may set off spasms", None),
    "summary": ("looked at the visit summary", None),
    "summary_print": ("opened the visit summary for printing", None),
    "summary_pdf": ("downloaded the visit summary (PDF)", None),
    "summary_prepare": ("opened the visit preparation", "prepared notes for the visit"),
    "treatment_list": ("looked at the treatments", None),
    "treatment_add": ("opened the form for a new treatment", "added a treatment"),
    "treatment_dose": ("opened a treatment's dose", "changed a treatment's dose"),
    "treatment_stop": ("opened a treatment to stop it", "stopped a treatment"),
    "side_effect_add": ("opened the side-effect form", "recorded a side effect"),
    "dose_log": ("opened the dose log", "logged a dose"),
    "dose_delete": ("opened a dose to delete it", "deleted a logged dose"),
    "treatment_effect": ("looked at whether a treatment helped", None),
}

UNKNOWN = "opened a page of your journal"
READING_METHODS = ("GET", "HEAD")


def action_code(url_name: str, method: str) -> str:
    return f"{url_name}:{'GET' if method in READING_METHODS else method}"


def describe(code: str) -> str:
    """The phrase for an action code; a general one for a code no page has any more."""
    url_name, _, method = code.partition(":")
    looking, sending = ACTIONS.get(url_name, (UNKNOWN, None))
    if method in READING_METHODS:
        return looking
    return sending or looking
