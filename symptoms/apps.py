from django.apps import AppConfig

from sharing.actions import register_words

# What the access log shows a patient for this app's pages (sharing.actions).
ACCESS_LOG_WORDS = {
    "home": ("opened the journal's front page", None),
    "history": ("looked through the history", None),
    "entry_detail": ("opened an entry", None),
    "entry_edit": ("opened an entry to change it", "changed an entry"),
    "entry_delete": ("opened an entry to delete it", "deleted an entry"),
    "quick_spasm": ("opened the quick spasm log", "logged a spasm"),
    "spasm_create": ("opened the spasm form", "logged a spasm"),
    "quick_pain": ("opened the quick pain log", "logged pain"),
    "pain_create": ("opened the pain form", "logged pain"),
    "pain_more": ("opened a step of the pain checklist", "added details to a pain entry"),
}


class SymptomsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "symptoms"
    verbose_name = "spasm and pain journal"

    def ready(self) -> None:
        register_words(self.name, ACCESS_LOG_WORDS)
