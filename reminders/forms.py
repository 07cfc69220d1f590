"""The reminders page's form: what reminds this person, how, and when, in their zone."""

import datetime as dt

from django import forms

from reminders.doses import dose_count, medicine_times
from reminders.models import ReminderPlan
from treatments.models import TreatmentPeriod

CHANNELS = [("", "Off"), ("push", "A notification"), ("email", "An e-mail")]
MAX_NUDGE_DAYS = 60
TIME_WORDS = "Give a time as hours and minutes, like 20:00."


def time_input(**attrs) -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time", **attrs}, format="%H:%M")


class TimesWidget(forms.MultiWidget):
    def __init__(self, name: str, count: int):
        # The legend names the medicine; each box says which dose it is.
        doses = [time_input(**{"aria-label": f"{name}, dose {k + 1}"}) for k in range(count)]
        super().__init__(doses)

    def decompress(self, value):
        return list(value) if value else [None] * len(self.widgets)


class DoseTimesField(forms.MultiValueField):
    """One time of day for each dose of the day, earliest first."""

    def __init__(self, name: str, count: int, **kwargs):
        times = [
            forms.TimeField(error_messages={"invalid": "Give each time as hours and minutes."})
            for _ in range(count)
        ]
        super().__init__(
            times,
            widget=TimesWidget(name, count),
            error_messages={
                "required": "Give a time for each dose.",
                "incomplete": "Give a time for each dose.",
            },
            **kwargs,
        )

    def compress(self, data_list) -> list[dt.time]:
        return sorted(data_list)

    def validate(self, value) -> None:
        super().validate(value)
        if len(set(value)) != len(value):
            raise forms.ValidationError("Two doses share a time. Give each dose its own time.")


class ReminderForm(forms.ModelForm):
    class Meta:
        model = ReminderPlan
        fields = [
            "check_in_by",
            "check_in_at",
            "doses_by",
            "nudge_by",
            "nudge_after_days",
            "week_by",
            "heat_by",
            "heat_at",
            "quiet_from",
            "quiet_until",
            "paused_until",
        ]
        labels = {
            "check_in_by": "Remind me of the check-in by",
            "check_in_at": "Check-in reminder at",
            "doses_by": "Remind me of my doses by",
            "nudge_by": "When I have logged nothing for a while, remind me by",
            "nudge_after_days": "After how many days",
            "week_by": "Tell me the week is ready to review, on Monday at 09:00, by",
            "heat_by": "Tell me the evening before a hot day by",
            "heat_at": "Heads-up at",
            "quiet_from": "Quiet from",
            "quiet_until": "Quiet until",
            "paused_until": "Pause until (and including)",
        }
        error_messages = {
            name: {"invalid": TIME_WORDS, "required": TIME_WORDS}
            for name in ("check_in_at", "heat_at", "quiet_from", "quiet_until")
        } | {"paused_until": {"invalid": "Give the day as a date, like 2025-08-31."}}
        widgets = {
            "check_in_at": time_input(),
            "heat_at": time_input(),
            "quiet_from": time_input(),
            "quiet_until": time_input(),
            "paused_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, person, medicines: list[TreatmentPeriod], **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.medicines = medicines
        for name in ("check_in_by", "doses_by", "nudge_by", "week_by", "heat_by"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label,
                choices=CHANNELS,
                required=False,
                widget=forms.RadioSelect,
            )
        if not person.cares_for.active().exists():
            del self.fields["week_by"]  # the week ready is news for caregivers only
        for name in ("check_in_at", "heat_at"):
            self.fields[name].help_text = f"In your time zone ({person.time_zone})."
        self.fields["nudge_after_days"].help_text = "Once, at midday, after that many days."
        for period in medicines:
            count = dose_count(period)
            self.fields[self.dose_field(period)] = DoseTimesField(
                period.treatment.name,
                count,
                label=f"{period.treatment.name}, {count} time{'s' if count > 1 else ''} a day",
                initial=medicine_times(period),
            )

    @staticmethod
    def dose_field(period: TreatmentPeriod) -> str:
        return f"dose_times_{period.treatment_id}"

    def dose_fields(self):
        return [self[self.dose_field(period)] for period in self.medicines]

    def dose_times(self) -> dict:
        """{treatment period: its times of day}, once the form is valid."""
        return {period: self.cleaned_data[self.dose_field(period)] for period in self.medicines}

    def clean_nudge_after_days(self) -> int:
        days = self.cleaned_data["nudge_after_days"]
        if not 1 <= days <= MAX_NUDGE_DAYS:
            raise forms.ValidationError(f"Choose from 1 to {MAX_NUDGE_DAYS} days.")
        return days

    def clean_paused_until(self) -> dt.date | None:
        day = self.cleaned_data["paused_until"]
        if day and day < self.person.today():
            raise forms.ValidationError("That day has passed. Pick today or a later day.")
        return day

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_from"), cleaned.get("quiet_until")
        if start and not end and "quiet_until" not in self.errors:
            self.add_error("quiet_until", "Give the time quiet hours end, or clear both.")
        if end and not start and "quiet_from" not in self.errors:
            self.add_error("quiet_from", "Give the time quiet hours begin, or clear both.")
        if start and end and start == end:
            self.add_error("quiet_until", "Quiet hours end when they begin. Pick another time.")
        return cleaned
