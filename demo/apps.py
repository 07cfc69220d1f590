from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo patient: built from every journal app, so it stands above them all and no
    app imports it."""

    name = "demo"
