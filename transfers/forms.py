import codecs

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from transfers.csv_format import MAX_FILE_BYTES

MAX_FILE_MB = MAX_FILE_BYTES // (1024 * 1024)
TOO_BIG = f"That file is over {MAX_FILE_MB} MB. Split it into smaller files."
FILE_FIELDS = ["entries", "days", "treatments", "doses", "side_effects"]
# Two files at the limit plus the form around them (the treatment files are small): a
# request bigger than this is refused before any of it is read.
MAX_REQUEST_BYTES = 2 * MAX_FILE_BYTES + 64 * 1024


class UploadLimit(FileUploadHandler):
    """Stops keeping an uploaded file once it passes the limit, and notes which one it was.

    The rest of that file is skipped, not stored; the form then says it was too big.
    """

    def __init__(self, request=None):
        super().__init__(request)
        request.oversized_uploads = set()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > MAX_FILE_BYTES:
            self.request.oversized_uploads.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler keeps the file


def request_too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return False


def csv_file_field(label: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=f"Up to {MAX_FILE_MB} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ImportForm(forms.Form):
    entries = csv_file_field("Entries file (CSV)")
    days = csv_file_field("Days file (CSV)")
    treatments = csv_file_field("Treatments file (CSV)")
    doses = csv_file_field("Doses file (CSV)")
    side_effects = csv_file_field("Side effects file (CSV)")
    dry_run = forms.BooleanField(
        label="Only check the files, import nothing yet", required=False, initial=True
    )

    def __init__(self, *args, oversized=frozenset(), request_too_big=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized
        self.request_too_big = request_too_big

    def _text(self, name: str) -> str | None:
        upload = self.cleaned_data.get(name)
        if name in self.oversized or (upload and upload.size > MAX_FILE_BYTES):
            raise forms.ValidationError(TOO_BIG)
        if not upload:
            return None
        data = upload.read()
        # UTF-16 text has NUL bytes too, but deserves the "save as UTF-8" advice below.
        if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise forms.ValidationError(
                "This is not a CSV text file (it has NUL bytes). Choose the CSV file."
            )
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "This is not a UTF-8 CSV file. In your spreadsheet, save as “CSV UTF-8”."
            ) from None

    def clean_entries(self) -> str | None:
        return self._text("entries")

    def clean_days(self) -> str | None:
        return self._text("days")

    def clean_treatments(self) -> str | None:
        return self._text("treatments")

    def clean_doses(self) -> str | None:
        return self._text("doses")

    def clean_side_effects(self) -> str | None:
        return self._text("side_effects")

    def field_id_for(self, file_name: str) -> str:
        """The id of the file input a problem in this file ("side effects file") points at."""
        name = file_name.removesuffix(" file").replace(" ", "_")
        return self[name].auto_id if name in FILE_FIELDS else self["entries"].auto_id

    def import_texts(self) -> dict[str, str | None]:
        """The files' texts as import_journal takes them."""
        return {f"{name}_csv": self.cleaned_data[name] for name in FILE_FIELDS}

    def clean(self):
        data = super().clean()
        if self.request_too_big:
            raise forms.ValidationError(
                f"The files are too big: each may be up to {MAX_FILE_MB} MB. "
                "Split them into smaller files."
            )
        if not self.errors and all(data.get(name) is None for name in FILE_FIELDS):
            raise forms.ValidationError("Choose at least one file: entries, days or treatments.")
        return data
