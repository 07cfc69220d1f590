from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "treatments"
    verbose_name = "medicines and therapies"
