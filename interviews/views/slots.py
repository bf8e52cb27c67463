"""The slot board: offer a time, book someone's, withdraw your own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from interviews import selectors
from interviews.forms import SlotForm
from interviews.services import mocks as services
from interviews.views.http import base_url
from sdprep.errors import REFUSALS, error_message


@login_required
def slot_board(request: HttpRequest) -> HttpResponse:
    form = SlotForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.slot_create(
                user=request.user,
                kind=data["kind"],
                level=data["level"],
                starts_at=data["starts_at"],
                duration_minutes=data["duration"],
            )
        except REFUSALS as exc:
            form.add_error(None, error_message(exc))
        else:
            messages.success(request, "Slot offered. You'll get an email when someone books it.")
            return redirect("interviews:slots")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "interviews/slots.html", {"form": form, "slots": selectors.open_slots()}, status=status
    )


@login_required
@require_POST
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    slot = selectors.slot_for_booking(pk=pk)
    try:
        mock = services.slot_book(slot=slot, user=request.user, base_url=base_url(request))
    except REFUSALS as exc:
        messages.error(request, error_message(exc))
        context = {"form": SlotForm(user=request.user), "slots": selectors.open_slots()}
        return render(request, "interviews/slots.html", context, status=409)
    messages.success(request, "Booked. You both have an email with a calendar file.")
    return redirect(mock)


@login_required
@require_POST
def slot_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    slot = selectors.slot_for_owner(user=request.user, pk=pk)
    try:
        services.slot_withdraw(slot=slot, user=request.user)
    except REFUSALS as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(request, "Slot withdrawn.")
    return redirect("interviews:slots")
