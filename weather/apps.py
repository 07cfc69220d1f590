from django.apps import AppConfig


class WeatherConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "weather"

    def ready(self) -> None:
        from accounts.slots import PROFILE
        from triggers.slots import CHECK_IN_TEMPERATURE, CHECK_IN_WEATHER
        from weather.check_in import check_in_weather

        PROFILE.fill("weather/_lent.html#profile", profile_section)
        # The check-in: the day's weather, and what fills an empty temperature.
        CHECK_IN_WEATHER.fill("weather/_check_in.html#day", check_in_weather)
        CHECK_IN_TEMPERATURE.fill("weather/_check_in.html#temperature", check_in_weather)


def profile_section(journal) -> dict:
    """The profile's weather section: the place the person's own weather comes from."""
    from weather.models import Place

    return {"place": Place.objects.for_patient(journal.patient).current().first()}
