"""The floor's two views: one INSERT, and one tiny template. Nothing else."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from bench.floor.models import Note


@require_POST
def insert(request: HttpRequest) -> HttpResponse:
    note = Note.objects.create(text=request.POST.get("text", "")[:40])
    return render(request, "floor/tiny.html", {"message": f"saved {note.pk}", "notes": []})


@require_safe
def tiny(request: HttpRequest) -> HttpResponse:
    return render(request, "floor/tiny.html", {"message": "hello", "notes": ["a", "b", "c"]})


# The bare floor has no CSRF middleware to exempt from; the stack floor checks CSRF and
# the log-in exactly as the app's own views are checked.
bare_insert = csrf_exempt(insert)
stack_insert = login_required(insert)
stack_tiny = login_required(tiny)
