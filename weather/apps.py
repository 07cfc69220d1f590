from django.apps import AppConfig


class WeatherConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "weather"

    def ready(self) -> None:
        from accounts.slots import PROFILE

        PROFILE.fill("weather/_lent.html#profile", profile_section)


def profile_section(journal) -> dict:
    """The profile's weather section: the place the person's own weather comes from."""
    from weather.models import Place

    return {"place": Place.objects.for_patient(journal.patient).current().first()}
