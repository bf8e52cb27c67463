"""The profile page: the user's own settings form, with their mock reliability line above it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.forms import ProfileForm
from accounts.services import profile_update
from dashboards.selectors.reliability import reliability_for
from sdprep.versioning import StaleVersion

STALE_PROFILE_MESSAGE = (
    "Your profile was changed in another tab or window since you opened this page. "
    "Your edits are still below: review them and save again to replace the other change."
)


def _render(request: HttpRequest, form: ProfileForm, status: int = 200) -> HttpResponse:
    """Every render of the page, refused saves included, carries the reliability line."""
    context = {"form": form, "reliability": reliability_for(user=request.user)}
    return render(request, "dashboards/profile.html", context, status=status)


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method != "POST":
        return _render(request, ProfileForm(instance=user, initial={"version": user.profile_version}))

    form = ProfileForm(request.POST, instance=user)
    if not form.is_valid():
        return _render(request, form, status=422)
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    try:
        profile_update(user=user, version=form.cleaned_data["version"], **fields)
    except StaleVersion:
        user.refresh_from_db()
        # Keep what was typed, but base the next save on the version now stored.
        data = request.POST.copy()
        data["version"] = user.profile_version
        form = ProfileForm(data, instance=user)
        form.is_valid()
        form.add_error(None, STALE_PROFILE_MESSAGE)
        return _render(request, form, status=409)
    messages.success(request, "Profile saved.")
    return redirect("profile:edit")
