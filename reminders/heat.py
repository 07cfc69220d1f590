"""The heat heads-up: the evening before a hot day, a word to someone whose own journal
says hot days go with worse ones.

Two things must hold, and the cheap one is asked first. Tomorrow's forecast where the
person lives must reach their own "hot day" temperature (`heat_threshold_c`, the one
their trigger page counts hot days by): read for a whole batch at once. Only then is their
trigger report worked out, over the range the trigger page opens on, and the heads-up
goes only when heat (a hot day, or each 5 °C warmer) stands out there with more spasms,
worse spasms or more pain. The report is the costly part: it runs for the few people
whose heads-up is due this minute and whose tomorrow is hot, once a day at most.

The message names the forecast and that one finding, nothing else of the journal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat

from accounts.units import from_celsius
from analysis.days import journal_days
from analysis.forms import RangeForm
from analysis.report import trigger_report
from weather.models import Place, WeatherDay

HEAT_TRIGGERS = ("heat", "max_temp_c")
# What a standing-out heat finding says, by outcome, spasms first: the words a patient
# would use, in the order the heads-up prefers them.
WORSE = {
    "spasm_count": "more spasms",
    "spasm_severity_max": "worse spasms",
    "pain_max": "more pain",
}
# The trigger page's own range, so the heads-up never claims what that page does not show.
REPORT_DAYS = RangeForm.base_fields["days"].initial


def heat_finding(person, today: dt.date) -> str | None:
    """What heat goes with in the person's trigger report for the days up to `today`
    ("more spasms", "worse spasms" or "more pain"), or None when heat does not stand out."""
    first = today - dt.timedelta(days=REPORT_DAYS - 1)
    report = trigger_report(journal_days(person, first, today))
    found = {
        result.outcome
        for result in report.results
        if result.trigger in HEAT_TRIGGERS and result.stands_out and (result.effect or 0) > 0
    }
    return next((words for outcome, words in WORSE.items() if outcome in found), None)


def temperature_words(celsius: Decimal, fahrenheit: bool, *, whole: bool = True) -> str:
    """A temperature in the person's own unit: a forecast in whole degrees ("31 °C",
    "88 °F"), a threshold they set (whole=False) as set ("25.5 °C")."""
    shown = from_celsius(celsius, fahrenheit)
    number = shown.quantize(Decimal(1), rounding=ROUND_HALF_UP) if whole else floatformat(shown, -1)
    return f"{number} {'°F' if fahrenheit else '°C'}"


@dataclass
class HeatAhead:
    """For one batch: tomorrow's forecast maximum of each person due a heads-up, and,
    for those whose tomorrow is hot, what their journal says of heat."""

    placed: set[int] = field(default_factory=set)
    forecasts: dict[int, Decimal] = field(default_factory=dict)
    worse: dict[int, str] = field(default_factory=dict)

    def load(self, tomorrows: dict[int, dt.date]) -> None:
        """Read the forecast of each person's tomorrow ({person id: date}) where their
        place in force that day is: two queries for each distinct date, and a batch has at
        most a few (the world's zones span three dates at once)."""
        people_on = defaultdict(list)
        for person, day in tomorrows.items():
            people_on[day].append(person)
        for day, people in people_on.items():
            in_cell = defaultdict(list)
            places = Place.objects.filter(patient_id__in=people).in_force(day, day)
            for person, latitude, longitude in places.values_list(
                "patient_id", "latitude", "longitude"
            ):
                in_cell[(latitude, longitude)].append(person)
                self.placed.add(person)
            if not in_cell:
                continue
            days = WeatherDay.objects.filter(
                date=day,
                latitude__in={lat for lat, _ in in_cell},
                longitude__in={lon for _, lon in in_cell},
                max_temp_c__isnull=False,
            )
            for latitude, longitude, hottest in days.values_list(
                "latitude", "longitude", "max_temp_c"
            ):
                for person in in_cell.get((latitude, longitude), []):
                    self.forecasts[person] = hottest

    def why_not(self, person, today: dt.date) -> str | None:
        """Why no heads-up goes to `person` this evening, or None to send it. The trigger
        report runs only here, for a hot tomorrow."""
        hottest = self.forecasts.get(person.pk)
        if person.pk not in self.placed:
            return "no place set"
        if hottest is None:
            return "no forecast yet"
        if hottest < person.heat_threshold_c:
            return "not hot tomorrow"
        worse = heat_finding(person, today)
        if worse is None:
            return "heat does not stand out"
        self.worse[person.pk] = worse
        return None

    def sentence(self, person) -> str:
        """The heads-up, once why_not has let it go."""
        hottest = temperature_words(self.forecasts[person.pk], person.uses_fahrenheit)
        return heads_up(hottest, self.worse[person.pk])


def heads_up(hottest: str, worse: str) -> str:
    """What the heads-up says (and the reminders page shows as an example)."""
    return f"Tomorrow looks hot ({hottest}). Hot days go with {worse} for you: plan cool breaks."
