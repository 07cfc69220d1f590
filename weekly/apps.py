from django.apps import AppConfig

from sharing.actions import register_words
from symptoms.slots import HOME_FOR_READING

# What the access log shows a patient for this app's pages (sharing.actions).
ACCESS_LOG_WORDS = {
    "week": ("looked at the weekly review", None),
    "week_of": ("looked at an earlier weekly review", None),
}


class WeeklyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "weekly"
    verbose_name = "weekly review"

    def ready(self) -> None:
        register_words(self.name, ACCESS_LOG_WORDS)
        HOME_FOR_READING.fill("weekly/_lent.html#home")
