"""Temperatures are stored in °C and shown in the patient's own unit."""

from decimal import ROUND_HALF_UP, Decimal

ONE_PLACE = Decimal("0.1")


def to_celsius(value: Decimal, fahrenheit: bool) -> Decimal:
    celsius = (value - 32) * 5 / 9 if fahrenheit else value
    return Decimal(celsius).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def from_celsius(value: Decimal, fahrenheit: bool) -> Decimal:
    shown = value * 9 / 5 + 32 if fahrenheit else value
    return Decimal(shown).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def temperature_text(celsius: Decimal, fahrenheit: bool) -> str:
    """A temperature as the patient reads it, in their unit: "24.5 °C", "31 °C", "88 °F"."""
    shown = from_celsius(Decimal(celsius), fahrenheit)
    return f"{shown:f}".removesuffix(".0") + (" °F" if fahrenheit else " °C")
