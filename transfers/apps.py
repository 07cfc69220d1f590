from django.apps import AppConfig

from accounts.slots import ACCOUNT_DELETE, PROFILE


class TransfersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "transfers"
    verbose_name = "import and export"

    def ready(self) -> None:
        PROFILE.fill("transfers/_lent.html#profile")
        ACCOUNT_DELETE.fill("transfers/_lent.html#account_delete")
