from django.apps import AppConfig


class HealthConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "health"

    def ready(self) -> None:
        from accounts.slots import PROFILE
        from health.check_in import check_in_sleep, check_in_steps
        from triggers.slots import CHECK_IN_SLEEP, CHECK_IN_STEPS

        PROFILE.fill("health/_lent.html#profile", profile_section)
        CHECK_IN_SLEEP.fill("health/_lent.html#filled", check_in_sleep)
        CHECK_IN_STEPS.fill("health/_lent.html#filled", check_in_steps)


def profile_section(journal) -> dict:
    """The profile's sleep and steps section: what a health app's export brought."""
    from health.reading import held

    return held(journal.patient)
