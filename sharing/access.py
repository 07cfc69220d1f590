"""Who may do what with whose journal: the one place these rules live.

Every journal URL carries the journal's key, and every journal view is wrapped in
`journal_view(level)`:

- "view": the patient and every caregiver with access;
- "log": the patient and caregivers allowed to view and log (a viewer gets 403);
- "owner": the patient alone (anyone else gets 404, as if it did not exist).

Someone without access, or whose access was revoked, gets 404 for anything of that
patient. Every request a caregiver makes is written to the patient's access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from sharing.models import AccessLogEntry, CareAccess

LEVELS = ("view", "log", "owner")


@dataclass(frozen=True)
class Journal:
    """A patient's journal as one particular person sees it."""

    patient: object
    viewer: object
    access: CareAccess | None = None  # None: the viewer is the patient

    @property
    def key(self) -> str:
        return self.patient.journal_key

    @property
    def is_own(self) -> bool:
        return self.access is None

    @property
    def can_log(self) -> bool:
        return self.is_own or self.access.can_log

    @property
    def owner_name(self) -> str:
        return str(self.patient)


def own_journal(user) -> Journal:
    return Journal(patient=user, viewer=user)


def journal_or_404(user, key: str) -> Journal:
    if user.journal_key == key:
        return own_journal(user)
    access = (
        CareAccess.objects.active()
        .select_related("patient")
        .filter(caregiver=user, patient__journal_key=key)
        .first()
    )
    if access is None:
        raise Http404("No such journal")
    return Journal(patient=access.patient, viewer=user, access=access)


def page_key(journal: Journal, page: str) -> tuple:
    """What a journal page shows, as the key of a page kept in memory
    (lib/page_cache.py): the page; the viewer and the patient as they are now, every column
    (their journal stamps among them, renewed by the database on every change to what
    their pages show); the caregiver's permission; and the patient's day."""
    people = [journal.viewer] if journal.is_own else [journal.viewer, journal.patient]
    permission = None if journal.is_own else journal.access.permission
    return (page, *map(_as_now, people), permission, timezone.localdate())


def _as_now(user) -> tuple:
    return tuple(
        getattr(user, field.attname)
        for field in user._meta.concrete_fields
        if field.attname != "last_login"
    )


def journals_for(user) -> list[Journal]:
    """The user's own journal first, then those of the patients they care for."""
    accesses = CareAccess.objects.active().filter(caregiver=user).select_related("patient")
    return [own_journal(user)] + [Journal(a.patient, user, a) for a in accesses]


def _record_look(request, journal: Journal) -> None:
    AccessLogEntry.record(request, patient=journal.patient, caregiver=journal.viewer)
    journal.access.mark_seen()


def journal_view(level: str):
    """Resolve the `journal` URL argument to a Journal the user may use at this level."""
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, journal: str, *args, **kwargs):
            found = journal_or_404(request.user, journal)
            if level == "owner" and not found.is_own:
                raise Http404("Only the patient can open this")
            if level == "log" and not found.can_log:
                raise PermissionDenied("This journal is shared with you to view, not to add to.")
            if not found.is_own:
                _record_look(request, found)
            # Days are the patient's days, whoever is looking and wherever they are.
            timezone.activate(found.patient.zone)
            request.journal = found
            return view(request, found, *args, **kwargs)

        protected = login_required(wrapped)
        protected.journal_level = level
        return protected

    return decorator


def journal_context(request) -> dict:
    """Templates: the journal on screen (or the user's own) and, lazily, the switcher."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "journal": getattr(request, "journal", None) or own_journal(user),
        "journal_choices": lambda: journals_for(user),
    }
