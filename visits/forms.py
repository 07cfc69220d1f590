import datetime as dt

from django import forms
from django.utils import timezone

from lib.forms import DateRangeForm, NoteField, date_field
from lib.limits import validate_not_before_earliest
from visits.data import MAX_RANGE_DAYS
from visits.models import VisitPrep


class RangeForm(DateRangeForm):
    start = date_field("From")
    end = date_field("To")

    def range_problem(self, start: dt.date | None, end: dt.date | None) -> tuple[str, str] | None:
        if end and end > timezone.localdate():
            return "end", "That day has not happened yet."
        if problem := super().range_problem(start, end):
            return problem
        if start and end and (end - start).days > MAX_RANGE_DAYS:
            return "start", "Choose at most three years."
        return None

    def period(self) -> tuple[dt.date, dt.date]:
        return self.cleaned_data["start"], self.cleaned_data["end"]


class PrepForm(forms.ModelForm):
    class Meta:
        model = VisitPrep
        fields = ["last_visit", "questions"]
        field_classes = {"questions": NoteField}
        widgets = {
            "last_visit": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "questions": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "last_visit": "The summary starts from this day unless you choose otherwise.",
            "questions": "What you want to ask; it is printed at the end of the summary.",
        }

    def clean_last_visit(self):
        value = self.cleaned_data.get("last_visit")
        if value:
            validate_not_before_earliest(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError("That day has not happened yet.")
        return value
