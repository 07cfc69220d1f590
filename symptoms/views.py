from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect, replace_url

from lib import page_cache
from lib.http import posted
from lib.rules import PAIN_LABELS
from sharing.access import Journal, journal_view, journals_for, page_key
from symptoms.choices import (
    QUICK_PAIN_TYPES,
    QUICK_REGION_MAP,
    QUICK_REGIONS,
    SEVERITY_BUTTONS,
    PainType,
)
from symptoms.forms import (
    PAIN_STEPS,
    HistoryFilterForm,
    PainForm,
    QuickPainForm,
    QuickSpasmForm,
    SpasmForm,
)
from symptoms.models import Entry
from symptoms.services import entry_create, entry_update

HISTORY_PAGE_SIZE = 30


def journal_entry_or_404(journal: Journal, pk: int) -> Entry:
    """An entry of the journal on screen; any other entry is simply not there."""
    return get_object_or_404(
        Entry.objects.for_patient(journal.patient).select_related("logged_by"), pk=pk
    )


def _todays_entries(journal: Journal) -> list[Entry]:
    today = timezone.localdate()
    entries = Entry.objects.for_patient(journal.patient).rows()
    return list(entries.on_local_dates(today, today, journal.patient.zone))


def _quick_log_saved(request: HttpRequest, entry: Entry) -> HttpResponse:
    """The htmx answer to a quick save: the saved card, and the new entry's row added to
    the top of today's list out of band. Only what changed is read and drawn, so a tap
    costs the same on the fiftieth spasm of a day as on the first."""
    is_today = timezone.localdate(entry.occurred_at) == timezone.localdate()
    card = "symptoms/quick_log.html#saved" if entry.is_spasm else "symptoms/quick_pain.html#saved"
    context = {"card": card, "entry": entry, "new_row": is_today}
    return render(request, "symptoms/_quick_log_update.html", context)


def _quick_log_undone(request: HttpRequest, journal: Journal) -> HttpResponse:
    """The htmx answer to an undo: the first card again, and today's list refreshed."""
    context = {"card": "symptoms/quick_log.html#undone", "todays": _todays_entries(journal)}
    return render(request, "symptoms/_quick_log_update.html", context)


@require_safe
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The front door: the user's own journal, or for a caregiver who keeps none, the
    journal they care for (a choice when they care for several)."""
    user = request.user
    journals = journals_for(user)
    cared_for = journals[1:]
    if user.keeps_a_journal() or not cared_for:
        return redirect("home", user.journal_key)
    if len(cared_for) == 1:
        return redirect("home", cared_for[0].key)
    # None: no journal is open yet, so the page shows no journal's menu.
    return render(request, "symptoms/journals.html", {"journals": journals, "journal": None})


@require_safe
@journal_view("view")
def home(request: HttpRequest, journal: Journal) -> HttpResponse:
    """Today's page. Opened again with nothing changed, it is the page kept from last time."""
    last_saved = _last_saved(request, journal)

    def draw() -> HttpResponse:
        context = {"todays": _todays_entries(journal), "last_saved": last_saved}
        return render(request, "symptoms/home.html", context)

    if last_saved or len(messages.get_messages(request)):
        return draw()  # a page for this moment only
    return page_cache.served(request, page_key(journal, "home"), draw)


def _last_saved(request: HttpRequest, journal: Journal) -> Entry | None:
    pk = request.session.pop("last_saved_entry", None)
    if pk is None:
        return None
    return Entry.objects.for_patient(journal.patient).filter(pk=pk).first()


def _quick_log_save(request: HttpRequest, journal: Journal, form) -> HttpResponse:
    """The last tap of a quick log: the entry saved (once, whatever the double taps)."""
    entry = entry_create(
        patient=journal.patient,
        logged_by=request.user,
        client_token=form.cleaned_data["client_token"],
        **form.entry_fields(),
    )
    if request.htmx:
        # The steps pushed their addresses; the saved card is the home screen's again.
        return replace_url(_quick_log_saved(request, entry), reverse("home", args=[journal.key]))
    request.session["last_saved_entry"] = entry.pk
    return redirect("home", journal.key)


def _quick_log_step(request: HttpRequest, template: str, step: str, context: dict):
    """A step of a quick log: only its card for htmx, the whole page otherwise (and when
    the browser's Back asks htmx for a page it no longer has)."""
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{template}#{step}", context)
    return render(request, template, context | {"step": step})


def _quick_context(form) -> dict:
    return {
        "quick_regions": QUICK_REGIONS,
        "form": form,
        "severities": SEVERITY_BUTTONS,
        "token": Entry.new_token(),
    }


@require_http_methods(["GET", "POST"])
@journal_view("log")
def quick_spasm(request: HttpRequest, journal: Journal) -> HttpResponse:
    """Tap 1 showed this; tap 2 picks the place (GET ?region=), tap 3 the severity (POST)."""
    form = QuickSpasmForm(posted(request))
    if form.is_bound and form.is_valid():
        return _quick_log_save(request, journal, form)
    region = (form.data if form.is_bound else request.GET).get("region")
    context = _quick_context(form)
    if region in QUICK_REGION_MAP:
        label = QUICK_REGION_MAP[region][0]
        context.update(region=region, region_label=label, label=f"Spasm in {label.lower()}")
        step = "severity-step"
    else:
        if region:
            context["region_error"] = "Choose one of the places shown."
        step = "region-step"
    return _quick_log_step(request, "symptoms/quick_log.html", step, context)


@require_http_methods(["GET", "POST"])
@journal_view("log")
def quick_pain(request: HttpRequest, journal: Journal) -> HttpResponse:
    """Tap 1 showed this; tap 2 picks the kind (GET ?pain_type=), tap 3 the place
    (&region=), tap 4 the severity (POST)."""
    form = QuickPainForm(posted(request))
    if form.is_bound and form.is_valid():
        return _quick_log_save(request, journal, form)
    params = form.data if form.is_bound else request.GET
    pain_type, region = params.get("pain_type"), params.get("region")
    context = _quick_context(form) | {"pain_types": QUICK_PAIN_TYPES}
    if pain_type not in PainType.values:
        context["kind_error"] = "Choose one of the kinds of pain shown." if pain_type else ""
        step = "kind-step"
    else:
        context.update(pain_type=pain_type, pain_label=PAIN_LABELS[pain_type])
        if region in QUICK_REGION_MAP:
            where = QUICK_REGION_MAP[region][0]
            label = f"{PAIN_LABELS[pain_type]} in {where.lower()}"
            context.update(region=region, region_label=where, label=label)
            step = "severity-step"
        else:
            context["region_error"] = "Choose one of the places shown." if region else ""
            step = "region-step"
    return _quick_log_step(request, "symptoms/quick_pain.html", step, context)


@require_http_methods(["GET", "POST"])
@journal_view("log")
def pain_more(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    """One optional step of the pain checklist (?step=), saved onto the entry just made;
    each step leads to the next, and any can be skipped."""
    entry = journal_entry_or_404(journal, pk)
    if entry.is_spasm:
        return redirect("entry_edit", journal.key, entry.pk)
    names = list(PAIN_STEPS)
    step = request.GET.get("step")
    step = step if step in PAIN_STEPS else names[0]
    number = names.index(step) + 1
    step_url = reverse("pain_more", args=[journal.key, entry.pk]) + "?step="
    next_url = reverse("entry_detail", args=[journal.key, entry.pk])
    if number < len(names):
        next_url = step_url + names[number]
    form = PAIN_STEPS[step](posted(request), instance=entry)
    if form.is_bound and form.is_valid():
        entry_update(entry=entry, **form.cleaned_data)
        return _to(request, next_url)
    back_url = step_url + names[number - 2] if number > 1 else None
    context = {"form": form, "entry": entry, "step": step, "next_url": next_url}
    context |= {"back_url": back_url, "number": number, "steps": len(names)}
    return render(request, "symptoms/pain_more.html", context)


def _entry_form_view(
    request: HttpRequest, journal: Journal, form_class, title: str
) -> HttpResponse:
    form = form_class(
        posted(request), instance=Entry(patient=journal.patient, kind=form_class.kind)
    )
    if form.is_bound and form.is_valid():
        entry = entry_create(
            patient=journal.patient,
            logged_by=request.user,
            client_token=form.cleaned_data["client_token"],
            kind=form_class.kind,
            **form.entry_fields(),
        )
        messages.success(request, f"{entry.get_kind_display()} saved.")
        return _to(request, reverse("entry_detail", args=[journal.key, entry.pk]))
    return render(request, "symptoms/entry_form.html", {"form": form, "title": title})


def _to(request: HttpRequest, url: str) -> HttpResponse:
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@require_http_methods(["GET", "POST"])
@journal_view("log")
def spasm_create(request: HttpRequest, journal: Journal) -> HttpResponse:
    return _entry_form_view(request, journal, SpasmForm, "Log a spasm")


@require_http_methods(["GET", "POST"])
@journal_view("log")
def pain_create(request: HttpRequest, journal: Journal) -> HttpResponse:
    return _entry_form_view(request, journal, PainForm, "Describe the pain")


@require_safe
@journal_view("view")
def entry_detail(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    return render(
        request, "symptoms/entry_detail.html", {"entry": journal_entry_or_404(journal, pk)}
    )


@require_http_methods(["GET", "POST"])
@journal_view("log")
def entry_edit(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    entry = journal_entry_or_404(journal, pk)
    form_class = SpasmForm if entry.is_spasm else PainForm
    form = form_class(posted(request), instance=entry)
    if form.is_bound and form.is_valid():
        entry_update(entry=entry, **form.entry_fields())
        messages.success(request, "Changes saved.")
        return _to(request, reverse("entry_detail", args=[journal.key, entry.pk]))
    title = f"Edit {entry.get_kind_display().lower()}"
    return render(
        request, "symptoms/entry_form.html", {"form": form, "title": title, "entry": entry}
    )


@require_http_methods(["GET", "POST"])
@journal_view("log")
def entry_delete(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    entry = journal_entry_or_404(journal, pk)
    if request.method == "POST":
        entry.delete()
        if request.htmx:
            return _quick_log_undone(request, journal)
        messages.success(request, f"{entry.get_kind_display()} deleted.")
        return redirect("home" if request.POST.get("next") == "home" else "history", journal.key)
    return render(request, "symptoms/entry_confirm_delete.html", {"entry": entry})


@require_safe
@journal_view("view")
def history(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = HistoryFilterForm(request.GET or None)
    entries = Entry.objects.for_patient(journal.patient).rows()
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            entries = entries.filter(kind=data["kind"])
        if data["regions"]:
            entries = entries.naming_any(data["regions"])
        entries = entries.on_local_dates(data["start"], data["end"], journal.patient.zone)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    days = [
        (day, list(items))
        for day, items in groupby(page.object_list, key=lambda e: timezone.localdate(e.occurred_at))
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "days": days, "query": query.urlencode()}
    if request.htmx:
        return render(request, "symptoms/history.html#results", context)
    return render(request, "symptoms/history.html", context)
