"""The place page: the patient alone sets where their weather comes from, or stops it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lib.http import posted
from sharing.access import Journal, journal_view
from weather.countries import country_name, country_of_zone
from weather.forms import PlaceForm, SearchForm, StopForm
from weather.geocoding import geocode
from weather.http import Unavailable
from weather.models import Place
from weather.reading import ATTRIBUTION, ATTRIBUTION_URL
from weather.services import place_set, places_stop

UNAVAILABLE = "The weather service cannot be reached just now; try again later."


@require_http_methods(["GET", "POST"])
@journal_view("owner")
def place(request: HttpRequest, journal: Journal) -> HttpResponse:
    patient = journal.patient
    chosen = PlaceForm(posted(request), today=patient.today())
    if chosen.is_bound and chosen.is_valid():
        try:
            saved = place_set(patient=patient, **chosen.place())
        except ValidationError as refused:
            chosen.add_error(None, refused)
        else:
            messages.success(request, f"The weather will be filled in from {saved}.")
            return redirect("weather_place", journal.key)
    search = SearchForm(
        request.GET if "q" in request.GET else None,
        initial={"country": country_of_zone(patient.time_zone)},
        today=patient.today(),
    )
    places = list(Place.objects.for_patient(patient))
    context = {
        "search": search,
        "found": found_for(search),
        "chosen": chosen,
        "places": places,
        "current": next((p for p in places if p.until is None), None),
    }
    if request.htmx and search.is_bound:
        return render(request, "weather/place.html#search", context)
    return render(request, "weather/place.html", context | attribution())


def found_for(search: SearchForm) -> list:
    """The places the search found; the reason there are none goes on the form."""
    if not search.is_bound or not search.is_valid():
        return []
    country = search.cleaned_data["country"]
    try:
        found = geocode(search.cleaned_data["q"], country)
    except Unavailable:
        search.add_error(None, UNAVAILABLE)
        return []
    if not found:
        search.add_error("q", f"No town or postcode like that in {country_name(country)}.")
    return found


@require_http_methods(["GET", "POST"])
@journal_view("owner")
def stop(request: HttpRequest, journal: Journal) -> HttpResponse:
    current = Place.objects.for_patient(journal.patient).current().first()
    form = StopForm(posted(request))
    if current is not None and form.is_bound and form.is_valid():
        keep = form.cleaned_data["keep"]
        places_stop(patient=journal.patient, keep=keep)
        kept = "The weather already filled in stays." if keep else "Its weather is gone too."
        messages.success(request, f"No more weather is fetched for you. {kept}")
        return redirect("weather_place", journal.key)
    return render(request, "weather/stop.html", {"form": form, "current": current})


def attribution() -> dict:
    return {"attribution": ATTRIBUTION, "attribution_url": ATTRIBUTION_URL}
