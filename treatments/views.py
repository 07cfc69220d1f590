from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lib.http import posted
from sharing.access import Journal, journal_view
from treatments.choices import COMMON_SIDE_EFFECTS, COMMON_TREATMENTS, COMMON_UNITS, DoseReason
from treatments.forms import DoseChangeForm, DoseForm, SideEffectForm, StopForm, TreatmentForm
from treatments.models import DoseLog, Treatment
from treatments.services import dose_log_create, side_effect_record, treatment_start

SUGGESTIONS = {
    "treatment_suggestions": COMMON_TREATMENTS,
    "unit_suggestions": COMMON_UNITS,
    "side_effect_suggestions": COMMON_SIDE_EFFECTS,
}


def journal_treatment_or_404(journal: Journal, pk: int) -> Treatment:
    """A treatment of the journal on screen; anyone else's is simply not there."""
    return get_object_or_404(Treatment.objects.for_patient(journal.patient).with_periods(), pk=pk)


def _form_page(request: HttpRequest, form, title: str, treatment=None) -> HttpResponse:
    context = {"form": form, "title": title, "treatment": treatment, **SUGGESTIONS}
    return render(request, "treatments/form.html", context)


def _refused(form, error: ValidationError) -> None:
    """Put a model's own refusal (a rule the form could not see) by the form's fields."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@require_safe
@journal_view("view")
def treatment_list(request: HttpRequest, journal: Journal) -> HttpResponse:
    treatments = Treatment.objects.for_patient(journal.patient).with_periods()
    treatments = list(treatments.prefetch_related("side_effects"))
    current = [t for t in treatments if t.is_current]
    stopped = [t for t in treatments if not t.is_current]
    return render(request, "treatments/list.html", {"current": current, "stopped": stopped})


def _save_form(request, form, save, *, title: str, done: str, treatment=None) -> HttpResponse:
    """A treatment form's story: valid input is saved by `save` and the list shown again;
    anything refused, by the form or by the models, comes back by its field."""
    if form.is_bound and form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, done)
            return redirect("treatment_list", request.journal.key)
    return _form_page(request, form, title, treatment)


def _current_or_back(request: HttpRequest, journal: Journal, pk: int) -> Treatment | None:
    """The journal's treatment if it is being taken now; None (with a word why) if not."""
    treatment = journal_treatment_or_404(journal, pk)
    if treatment.current_period is None:
        messages.error(request, f"{treatment.name} is stopped.")
        return None
    return treatment


@require_http_methods(["GET", "POST"])
@journal_view("log")
def treatment_add(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = TreatmentForm(posted(request), patient=journal.patient)
    name = form.data.get("name", "").strip()
    return _save_form(
        request,
        form,
        partial(treatment_start, patient=journal.patient),
        title="Add a treatment",
        done=f"{name} added.",
    )


def _change_current(request, journal, pk, form_class, verb, *, title: str, done: str):
    """A change to a treatment being taken now (a new dose, a stop): the form reads its
    current period, the treatment's own verb writes it. `title` and `done` name it {name}."""
    treatment = _current_or_back(request, journal, pk)
    if treatment is None:
        return redirect("treatment_list", journal.key)
    form = form_class(posted(request), period=treatment.current_period)
    return _save_form(
        request,
        form,
        partial(verb, treatment),
        title=title.format(name=treatment.name),
        done=done.format(name=treatment.name),
        treatment=treatment,
    )


@require_http_methods(["GET", "POST"])
@journal_view("log")
def treatment_dose(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    return _change_current(
        request,
        journal,
        pk,
        DoseChangeForm,
        Treatment.change_dose,
        title="Change the dose of {name}",
        done="New dose of {name} saved.",
    )


@require_http_methods(["GET", "POST"])
@journal_view("log")
def treatment_stop(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    return _change_current(
        request,
        journal,
        pk,
        StopForm,
        Treatment.stop,
        title="Stop {name}",
        done="{name} stopped.",
    )


@require_http_methods(["GET", "POST"])
@journal_view("log")
def side_effect_add(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    treatment = journal_treatment_or_404(journal, pk)
    form = SideEffectForm(posted(request), patient=journal.patient)
    return _save_form(
        request,
        form,
        partial(side_effect_record, treatment=treatment),
        title=f"A side effect of {treatment.name}",
        done=f"Side effect of {treatment.name} saved.",
        treatment=treatment,
    )


@require_http_methods(["GET", "POST"])
@journal_view("log")
def dose_log(request: HttpRequest, journal: Journal) -> HttpResponse:
    """Tap 1 picked the treatment (GET ?treatment=), tap 2 what it was for (POST)."""
    form = DoseForm(posted(request) or request.GET or None, patient=journal.patient)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        dose = dose_log_create(
            patient=journal.patient,
            logged_by=request.user,
            taken_at=data.pop("tapped_at") or timezone.now(),
            **data,
        )
        if not request.htmx:
            messages.success(request, f"{dose.treatment.name} saved: {dose_words(dose)}.")
            return redirect("home", journal.key)
        return render(request, "treatments/dose.html#saved", {"dose": dose})
    if form.is_bound and "treatment" not in form.errors:
        treatment = form.cleaned_data["treatment"]
        context = {"treatment": treatment, "reasons": DoseReason.choices, "form": form}
        return _dose_step(request, journal, "reason-step", token=DoseForm.new_token(), **context)
    return _dose_step(request, journal, "card", **dose_card_context(journal, form))


@require_POST
@journal_view("log")
def dose_delete(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    dose = get_object_or_404(DoseLog.objects.for_patient(journal.patient), pk=pk)
    dose.delete()
    if not request.htmx:
        messages.success(request, "Dose removed.")
        return redirect("home", journal.key)
    return _dose_step(request, journal, "card", undone=True, **dose_card_context(journal))


def dose_card_context(journal: Journal, form: DoseForm | None = None) -> dict:
    treatments = Treatment.objects.for_patient(journal.patient).as_needed()
    return {"as_needed": list(treatments), "form": form}


def dose_words(dose: DoseLog) -> str:
    when = timezone.localtime(dose.taken_at).strftime("%H:%M")
    return f"{dose.get_reason_display().lower()} at {when}" if dose.reason else f"at {when}"


def _dose_step(request: HttpRequest, journal: Journal, step: str, **context) -> HttpResponse:
    if request.htmx:
        return render(request, f"treatments/dose.html#{step}", context)
    return render(request, "treatments/dose.html", context | {"step": step})
