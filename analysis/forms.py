from django import forms


class RangeForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Show the last",
        choices=[(30, "30 days"), (90, "90 days"), (365, "year")],
        coerce=int,
        initial=90,
        error_messages={"invalid_choice": "Choose 30 days, 90 days or a year."},
    )
