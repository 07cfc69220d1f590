from django.apps import AppConfig


class RemindersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reminders"

    def ready(self) -> None:
        from accounts.slots import PROFILE

        PROFILE.fill("reminders/_lent.html#profile")
