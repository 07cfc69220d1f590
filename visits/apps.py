from django.apps import AppConfig

from sharing.actions import register_words

# What the access log shows a patient for this app's pages (sharing.actions).
ACCESS_LOG_WORDS = {
    "summary": ("looked at the visit summary", None),
    "summary_print": ("opened the visit summary for printing", None),
    "summary_pdf": ("downloaded the visit summary (PDF)", None),
    "summary_prepare": ("opened the visit preparation", "prepared notes for the visit"),
}


class VisitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "visits"
    verbose_name = "visit summary"

    def ready(self) -> None:
        register_words(self.name, ACCESS_LOG_WORDS)
