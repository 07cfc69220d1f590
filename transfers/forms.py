from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def csv_file_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ImportForm(forms.Form):
    entries = csv_file_field("Entries file (CSV)")
    days = csv_file_field("Days file (CSV)")
    dry_run = forms.BooleanField(
        label="Only check the files, import nothing yet", required=False, initial=True
    )

    def _text(self, name: str) -> str | None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("That file is over 5 MB. Split it into smaller files.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "This is not a UTF-8 CSV file. In your spreadsheet, save as “CSV UTF-8”."
            ) from None

    def clean_entries(self) -> str | None:
        return self._text("entries")

    def clean_days(self) -> str | None:
        return self._text("days")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("entries") and not data.get("days"):
            raise forms.ValidationError("Choose an entries file, a days file, or both.")
        return data
