from django.apps import AppConfig

from sharing.actions import register_words
from symptoms.slots import HOME_FOR_LOGGING

# What the access log shows a patient for this app's pages (sharing.actions).
ACCESS_LOG_WORDS = {
    "treatment_list": ("looked at the treatments", None),
    "treatment_add": ("opened the form for a new treatment", "added a treatment"),
    "treatment_dose": ("opened a treatment's dose", "changed a treatment's dose"),
    "treatment_stop": ("opened a treatment to stop it", "stopped a treatment"),
    "side_effect_add": ("opened the side-effect form", "recorded a side effect"),
    "dose_log": ("opened the dose log", "logged a dose"),
    "dose_delete": ("opened a dose to delete it", "deleted a logged dose"),
}


class TreatmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "treatments"
    verbose_name = "medicines and therapies"

    def ready(self) -> None:
        register_words(self.name, ACCESS_LOG_WORDS)
        from treatments.views import dose_card_context

        HOME_FOR_LOGGING.fill("treatments/dose.html#card", dose_card_context)
