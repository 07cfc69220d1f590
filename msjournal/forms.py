from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every field renders through one template: label, help, error, then the input."""

    field_template_name = "forms/field.html"


# A yes/no question is two radio buttons whose values are these words; leaving it
# unanswered is "not recorded", never "no".
YES_NO = [("yes", "Yes"), ("no", "No")]


def is_yes(word: str) -> bool:
    """The answer a yes/no radio sent (a TypedChoiceField's coerce)."""
    return word == "yes"


def yes_no_word(answer: bool | None, unanswered: str = "") -> str:
    """An answer as its radio value: the initial of a yes/no field, or a table cell."""
    return {True: "yes", False: "no"}.get(answer, unanswered)
