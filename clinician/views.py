"""The patient's side of clinician links: make one, see them all, revoke, and say whether
the people who care for them may make links too."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from clinician.forms import LinkForm, LinkRuleForm
from clinician.links import may_make_links, qr_svg
from clinician.models import ClinicianLink, LinkRule
from lib.http import posted
from sharing.access import Journal, journal_view
from visits.data import default_range, visit_prep

NEW_LINK = "new_clinician_link"


def _links_of(journal: Journal):
    """The patient's links, for the patient and the caregivers they let make links: each
    of them may revoke any (a revoke only ever shows the summary to fewer people)."""
    if not may_make_links(journal):
        raise Http404("Only the patient can make links to their summary")
    links = ClinicianLink.objects.for_patient(journal.patient).with_opens()
    return links.select_related("made_by")


def _rule_of(patient) -> LinkRule:
    return LinkRule.objects.for_patient(patient).first() or LinkRule(patient=patient)


@require_http_methods(["GET", "POST"])
@journal_view("view")
def links(request: HttpRequest, journal: Journal) -> HttpResponse:
    made = _links_of(journal)
    # The days the visit page showed, else the summary's own default.
    start, end = default_range(journal.patient)
    days = {"start": request.GET.get("start", start), "end": request.GET.get("end", end)}
    form = LinkForm(posted(request), initial=days)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        link, token = ClinicianLink.issue(
            patient=journal.patient,
            made_by=request.user,
            first=data["start"],
            last=data["end"],
            lifetime=data["lifetime"],
            pin=data["pin"],
            questions=visit_prep(journal.patient).questions,
        )
        # Shown once, on the page the redirect leads to; kept nowhere after that.
        url = request.build_absolute_uri(reverse("clinician_shared", args=[token]))
        request.session[NEW_LINK] = {"pk": link.pk, "url": url, "journal": journal.key}
        return redirect("clinician_links", journal.key)
    new = request.session.pop(NEW_LINK, None)
    if new and new["journal"] != journal.key:
        new = None  # made in another journal: not this page's to show, and gone now
    context = {
        "form": form,
        "links": made,
        "new": new,
        # The list the page draws, read once: the new link is one of them.
        "new_link": next((link for link in made if link.pk == new["pk"]), None) if new else None,
        "qr": qr_svg(new["url"]) if new else "",
        "rule_form": LinkRuleForm(instance=_rule_of(journal.patient)) if journal.is_own else None,
    }
    return render(request, "clinician/links.html", context)


@require_POST
@journal_view("view")
def link_revoke(request: HttpRequest, journal: Journal, pk: int) -> HttpResponse:
    link = get_object_or_404(_links_of(journal), pk=pk)
    if link.revoke():
        messages.success(request, "Link revoked: it no longer opens anything.")
    return redirect("clinician_links", journal.key)


@require_POST
@journal_view("owner")
def link_rule(request: HttpRequest, journal: Journal) -> HttpResponse:
    form = LinkRuleForm(request.POST, instance=_rule_of(journal.patient))
    if form.is_valid():
        rule = form.save()
        if rule.caregivers_may_make:
            messages.success(request, "The people who care for you can now make links.")
        else:
            messages.success(request, "Only you can make links now.")
    return redirect("clinician_links", journal.key)
