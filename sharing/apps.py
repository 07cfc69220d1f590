from django.apps import AppConfig

from accounts.slots import PROFILE


class SharingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sharing"

    def ready(self) -> None:
        PROFILE.fill("sharing/_lent.html#profile")
