"""The health page: the patient hands in their phone's export, watches it being read,
and sees, or deletes, what it brought."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from health import tasks
from health.forms import DeleteForm, ExportForm
from health.models import HealthImport
from health.reading import held
from health.services import health_days_delete
from health.uploads import SizeLimit, keep
from lib.http import posted
from sharing.access import Journal, journal_view

RECENT_IMPORTS = 5


# The CSRF check reads the form, and with it the upload: the size limit must be in place
# before, so the check runs inside, once the limit is set (Django's documented way).
@csrf_exempt
@require_http_methods(["GET", "POST"])
@journal_view("owner")
def health(request: HttpRequest, journal: Journal) -> HttpResponse:
    limit = SizeLimit(request, settings.HEALTH_MAX_UPLOAD_BYTES)
    request.upload_handlers.insert(0, limit)
    return _health(request, journal, limit)


@csrf_protect
def _health(request: HttpRequest, journal: Journal, limit: SizeLimit) -> HttpResponse:
    patient = journal.patient
    form = ExportForm(posted(request), request.FILES or None)
    if limit.too_large:
        form.add_error("export", _too_large())
    elif form.is_bound and form.is_valid():
        upload = form.cleaned_data["export"]
        path = keep(upload)
        with transaction.atomic():
            job = HealthImport.objects.create(
                patient=patient, file_name=upload.name[:255], stored=str(path), size=upload.size
            )
            transaction.on_commit(lambda: tasks.import_export.enqueue(job.pk, str(path)))
        return redirect("health", journal.key)
    return _page(request, journal, form)


def _page(request: HttpRequest, journal: Journal, form: ExportForm) -> HttpResponse:
    patient = journal.patient
    context = {"form": form, "imports": _recent(patient), **held(patient)}
    return render(request, "health/page.html", context)


def _too_large() -> str:
    limit = filesizeformat(settings.HEALTH_MAX_UPLOAD_BYTES)
    return f"That file is larger than {limit}, the most we take."


def _recent(patient) -> list[HealthImport]:
    return list(HealthImport.objects.for_patient(patient)[:RECENT_IMPORTS])


@require_GET
@journal_view("owner")
def progress(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    """One import as it goes: the page polls it while the worker reads (without htmx,
    the whole page)."""
    job = get_object_or_404(HealthImport.objects.for_patient(journal.patient), pk=pk)
    if not request.htmx:
        return _page(request, journal, ExportForm())
    # Once done, what the journal holds is drawn again beside it (hx-swap-oob).
    context = {"job": job, "swap": True}
    if not job.running:
        context |= held(journal.patient)
    return render(request, "health/page.html#progress", context)


@require_http_methods(["GET", "POST"])
@journal_view("owner")
def delete(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = DeleteForm(posted(request))
    if form.is_bound and form.is_valid():
        deleted = health_days_delete(patient=journal.patient)
        messages.success(
            request,
            f"Deleted the sleep and steps of {deleted:,} day{'s' * (deleted != 1)} brought in "
            "from a health app. What you typed yourself stays.",
        )
        return redirect("health", journal.key)
    return render(request, "health/delete.html", {"form": form, **held(journal.patient)})
