from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every field renders through one template: label, help, error, then the input."""

    field_template_name = "forms/field.html"
