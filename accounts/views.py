from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.forms import DeleteAccountForm, ProfileForm
from lib.http import posted


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("profile")
    context = {"form": form, "has_two_factor": is_mfa_enabled(request.user)}
    return render(request, "accounts/profile.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        # Their journal, care access both ways, the access log, digests and visit
        # preparation go by cascade, so the people caring for them lose access at once.
        request.user.delete()
        logout(request)  # ends this session; any other one no longer finds its user
        return redirect("account_deleted")
    context = {
        "form": form,
        "caregivers": request.user.caregivers.active(),
        "cares_for": request.user.cares_for.active().select_related("patient"),
    }
    return render(request, "accounts/delete.html", context)


@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")
