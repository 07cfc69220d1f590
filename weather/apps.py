from django.apps import AppConfig


class WeatherConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "weather"

    def ready(self) -> None:
        self._lend_the_check_in()

    # --- The check-in: the day's weather, and what fills an empty temperature ---------
    @staticmethod
    def _lend_the_check_in() -> None:
        from triggers.slots import CHECK_IN_TEMPERATURE, CHECK_IN_WEATHER
        from weather.check_in import check_in_weather

        CHECK_IN_WEATHER.fill("weather/_check_in.html#day", check_in_weather)
        CHECK_IN_TEMPERATURE.fill("weather/_check_in.html#temperature", check_in_weather)
