from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


class ExportForm(forms.Form):
    export = forms.FileField(
        label="Your health app's export",
        help_text="The .zip file your phone or watch app made.",
        error_messages={
            "required": "Choose the export file first.",
            "empty": "That file is empty. Export again and choose the new file.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def clean_export(self):
        export = self.cleaned_data["export"]
        limit = settings.HEALTH_MAX_UPLOAD_BYTES
        if export.size > limit:
            raise forms.ValidationError(
                f"That file is larger than {filesizeformat(limit)}, the most we take. "
                "Export a shorter period if your app offers one."
            )
        return export


class DeleteForm(forms.Form):
    """Nothing to fill in: the button is the answer."""
