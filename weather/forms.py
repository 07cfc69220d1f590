"""The place page's forms: search for a town, set a place, stop."""

from __future__ import annotations

import datetime as dt

from django import forms

from lib.forms import OneLineField, date_field, is_yes
from weather.cells import to_cell
from weather.countries import countries

SINCE_HELP = (
    "For a move or a holiday: the first day at this place. Leave it empty and your first "
    "place covers your whole journal; a later one starts today."
)


def since_field(help_text: str = SINCE_HELP) -> forms.DateField:
    return date_field("From (optional)", required=False, help_text=help_text)


def clean_since(since: dt.date | None, today: dt.date) -> dt.date | None:
    if since is not None and since > today:
        raise forms.ValidationError(
            "That day has not come yet. Set the place on the day you get there."
        )
    return since


class SearchForm(forms.Form):
    country = forms.ChoiceField(
        label="Country",
        choices=countries,
        error_messages={"invalid_choice": "Choose a country from the list."},
    )
    q = OneLineField(
        label="Town or postcode",
        max_length=100,
        error_messages={"required": "Type a town or a postcode to search for."},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "enterkeyhint": "search"}),
    )
    since = since_field()

    def __init__(self, *args, today: dt.date, **kwargs):
        # The place form on the same page has a From field too: ids of their own.
        super().__init__(*args, auto_id="search-%s", **kwargs)
        self.today = today

    def clean_since(self) -> dt.date | None:
        return clean_since(self.cleaned_data.get("since"), self.today)


def coordinate_field(label: str, low: int, high: int, example: str) -> forms.FloatField:
    words = f"Give the {label.lower()} as a number from {low} to {high}, like {example}."
    return forms.FloatField(
        label=label,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={"required": words, "invalid": words},
    )


class PlaceForm(forms.Form):
    """A place picked from the search, or a phone's position, or coordinates typed in."""

    latitude = coordinate_field("Latitude", -90, 90, "53.8")
    longitude = coordinate_field("Longitude", -180, 180, "-1.5")
    name = OneLineField(max_length=200, required=False, widget=forms.HiddenInput)
    # The search form above says what From means; once is enough on a phone's screen.
    since = since_field(help_text="")

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_latitude(self) -> float:
        return self._within("latitude", 90)

    def clean_longitude(self) -> float:
        return self._within("longitude", 180)

    def _within(self, name: str, limit: int) -> float:
        value = self.cleaned_data[name]
        if not -limit <= value <= limit:
            raise forms.ValidationError(self.fields[name].error_messages["invalid"])
        return value

    def clean_since(self) -> dt.date | None:
        return clean_since(self.cleaned_data.get("since"), self.today)

    def place(self) -> dict:
        """What place_set takes: the cell, never the point (about 10 km, cells.py)."""
        latitude, longitude = to_cell(self.cleaned_data["latitude"], self.cleaned_data["longitude"])
        return {
            "latitude": latitude,
            "longitude": longitude,
            "name": self.cleaned_data["name"],
            "since": self.cleaned_data["since"],
        }


KEEP_CHOICES = [
    ("yes", "Keep the weather already filled in, and stop fetching"),
    ("no", "Delete it from every day too, and stop fetching"),
]


class StopForm(forms.Form):
    keep = forms.TypedChoiceField(
        label="The weather already in your journal",
        choices=KEEP_CHOICES,
        coerce=is_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to keep the weather already filled in."},
    )
