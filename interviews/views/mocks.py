"""Booking mocks: the list, a new mock, accepting an invite, the calendar file, swapping roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from interviews import selectors
from interviews.calendar import mock_ics
from interviews.forms import MockForm
from interviews.models import MockInvite
from interviews.services import mocks as services
from interviews.views.http import base_url
from sdprep.errors import REFUSALS, error_message


@login_required
@require_safe
def mock_list(request: HttpRequest) -> HttpResponse:
    return render(request, "interviews/mocks.html", {"mocks": selectors.mocks_for_user(user=request.user)})


@login_required
def mock_create(request: HttpRequest) -> HttpResponse:
    initial = {"level": request.user.target_level.code if request.user.target_level else "L6"}
    form = MockForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        candidate = request.user if data["role"] == "candidate" else data["teammate"]
        question = data["question"] or selectors.pick_question(level=data["level"], candidate=candidate)
        if question is None:
            form.add_error("question", "There is no question at this level yet.")
        else:
            mock, _invite = services.mock_create(
                user=request.user,
                question=question,
                level=data["level"],
                role=data["role"],
                scheduled_at=data["scheduled_at"],
                duration_minutes=data["duration"],
                call_link=data["call_link"],
                partner=data["teammate"],
                base_url=base_url(request),
            )
            if data["teammate"]:
                booked = f"Mock booked with {data['teammate'].name}."
                messages.success(request, f"{booked} You both have an email with a calendar file.")
            else:
                messages.success(request, "Mock created. Send the invite link to your partner.")
            return redirect(mock)
    status = 422 if request.method == "POST" else 200
    return render(request, "interviews/mock_new.html", {"form": form}, status=status)


@login_required
def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    # The token is the credential: whoever holds the link may see what it invites to.
    invite = MockInvite.objects.select_related("mock__question", "mock__level").filter(token=token).first()
    if invite is None:
        raise Http404("No such invite.")
    if request.method == "POST":
        try:
            mock = services.invite_accept(token=token, user=request.user, base_url=base_url(request))
        except REFUSALS as exc:
            context = {"invite": invite, "error": error_message(exc)}
            return render(request, "interviews/invite.html", context, status=409)
        messages.success(request, "You're in. Both of you have an email with a calendar file.")
        return redirect(mock)
    return render(request, "interviews/invite.html", {"invite": invite})


@login_required
@require_safe
def mock_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    response = HttpResponse(mock_ics(mock, base_url(request)), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="sdprep-mock-{mock.pk}.ics"'
    return response


@login_required
@require_POST
def mock_swap(request: HttpRequest, pk: int) -> HttpResponse:
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    try:
        swapped = services.mock_swap_roles(mock=mock, user=request.user)
    except REFUSALS as exc:
        messages.error(request, error_message(exc))
        return redirect(mock)
    messages.success(request, "Roles swapped: here is the reverse mock, with a new question.")
    return redirect(swapped)
