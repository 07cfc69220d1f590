"""What a caregiver did in a patient's journal, in the patient's words.

The access log stores an action code, "<url name>:<method>" ("entry_edit:POST"), and
phrases it when shown: old rows stay readable when the wording changes. Each app brings
the words for its own pages, registering them in its `AppConfig.ready()`, so sharing/
names no page of an app above it; a test sweeps the URL configuration for a journal page
a caregiver can open without words.
"""

# url name -> (phrase for looking, phrase for sending a form); None: the page takes no form.
Words = dict[str, tuple[str, str | None]]
ACTIONS: Words = {}
# url name -> the app that registered its words, which must be the app serving the page.
WORDS_FROM: dict[str, str] = {}


def register_words(app: str, words: Words) -> None:
    """Add the words for app's pages; a page has one app's words only."""
    for url_name in words:
        if WORDS_FROM.get(url_name, app) != app:
            raise ValueError(f"{url_name!r} has words from {WORDS_FROM[url_name]} already.")
    ACTIONS.update(words)
    WORDS_FROM.update(dict.fromkeys(words, app))


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
