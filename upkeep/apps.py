from django.apps import AppConfig
from django.db.models.signals import post_migrate


class UpkeepConfig(AppConfig):
    """What an operator runs the journal with: the health check, backups and restores.

    It works on the database as a whole, knows no journal app and no app imports it, so
    it stands at the top beside demo/ and offline/."""

    name = "upkeep"
    verbose_name = "Upkeep"

    def ready(self) -> None:
        from upkeep import health

        # A migrate run in this process (forwards or back) may change the answer.
        post_migrate.connect(health.forget_migrations, dispatch_uid="upkeep-health")
