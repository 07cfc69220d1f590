from django.apps import AppConfig

from sharing.actions import register_words
from treatments.slots import TREATMENT_CARD

# What the access log shows a patient for this app's pages (sharing.actions).
ACCESS_LOG_WORDS = {
    "insights": ("looked at what may set off spasms", None),
    "explore": ("explored the journal on one timeline", None),
    "treatment_effect": ("looked at whether a treatment helped", None),
}


class AnalysisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "analysis"

    def ready(self) -> None:
        register_words(self.name, ACCESS_LOG_WORDS)
        TREATMENT_CARD.fill("analysis/_lent.html#treatment")
