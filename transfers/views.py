import re
from functools import cache

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from lib.http import attachment, posted
from sharing.access import Journal, journal_view
from transfers.csv_format import MAX_ROWS
from transfers.exporting import csv_zip
from transfers.fhir import bundle_json
from transfers.forms import MAX_FILE_MB, ImportForm, UploadLimit, request_too_big
from transfers.importing import ImportRejected, import_journal

# What only whoever runs the server needs (manage.py commands), marked in the guide's text.
SERVER_ONLY = re.compile(r"<!-- server only\b.*?<!-- end server only -->\n?", re.DOTALL)
IMPORT_LIMITS = {"max_file_mb": MAX_FILE_MB, "max_rows": f"{MAX_ROWS:,}"}


# CSRF is checked in _import_form, once the upload limit is in place: checking it reads
# the request body, and an oversized one must not be read.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@journal_view("owner")
def import_page(request: HttpRequest, journal: Journal) -> HttpResponse:
    if request.method == "POST":
        if request_too_big(request):
            form = ImportForm({}, request_too_big=True)
            return render(request, "transfers/import.html", {"form": form, **IMPORT_LIMITS})
        request.upload_handlers.insert(0, UploadLimit(request))
    return _import_form(request, journal)


@csrf_protect
def _import_form(request: HttpRequest, journal: Journal) -> HttpResponse:
    files = request.FILES if request.method == "POST" else None
    oversized = getattr(request, "oversized_uploads", set())
    form = ImportForm(posted(request), files, oversized=oversized)
    context: dict = {"form": form, **IMPORT_LIMITS}
    if request.method == "POST" and form.is_valid():
        try:
            context["summary"] = import_journal(
                patient=journal.patient, dry_run=form.cleaned_data["dry_run"], **form.import_texts()
            )
        except ImportRejected as rejected:
            context["problems"] = [(p, form.field_id_for(p.file)) for p in rejected.problems]
    return render(request, "transfers/import.html", context)


@require_safe
@login_required
def import_guide(request: HttpRequest) -> HttpResponse:
    """docs/import-format.md, the one description of the format, shown as a page to the
    patient: the parts marked "server only" are left out."""
    return render(request, "transfers/import_guide.html", {"guide": _guide_html()})


@cache
def _guide_html() -> str:
    import markdown  # loaded for this one page, not with the URLs

    text = (settings.BASE_DIR / "docs" / "import-format.md").read_text(encoding="utf-8")
    text = SERVER_ONLY.sub("", text)
    return markdown.markdown(text, extensions=["tables", "fenced_code", "toc"])


@require_safe
@journal_view("owner")
def export_csv(request: HttpRequest, journal: Journal) -> HttpResponse:
    response = StreamingHttpResponse(csv_zip(journal.patient), content_type="application/zip")
    return attachment(response, f"ms-journal-{timezone.localdate()}.zip")


@require_safe
@journal_view("owner")
def export_fhir(request: HttpRequest, journal: Journal) -> HttpResponse:
    response = StreamingHttpResponse(
        bundle_json(journal.patient), content_type="application/fhir+json"
    )
    return attachment(response, f"ms-journal-{timezone.localdate()}.fhir.json")
