from django.apps import AppConfig

from accounts.slots import PROFILE
from sharing.actions import register_words
from symptoms.slots import HOME_FOR_LOGGING

# What the access log shows a patient for this app's pages (sharing.actions).
ACCESS_LOG_WORDS = {
    "check_in": ("opened the daily check-in", "filled in the daily check-in"),
    "check_in_day": ("opened the check-in of an earlier day", "filled in an earlier check-in"),
}


class TriggersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "triggers"

    def ready(self) -> None:
        register_words(self.name, ACCESS_LOG_WORDS)
        from triggers.views import todays_check_in_card

        HOME_FOR_LOGGING.fill("triggers/check_in.html#card", todays_check_in_card)
        PROFILE.fill("triggers/_lent.html#profile")
