import asyncio
import json

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from interviews import mock_selectors as selectors
from interviews.calendar import mock_ics, send_mock_confirmation
from interviews.live import listener
from interviews.mock_forms import MockForm, RatingForm, ScorecardForm, SlotForm
from interviews.models import ANSWER_SECTIONS, Mock, MockInvite, Slot
from interviews.selectors import checklist_for, rubric_for_level, what_they_did
from interviews.services import mocks as services
from sdprep.versioning import StaleVersion

STALE_MESSAGE = (
    "This was saved from another tab or window since this one loaded. Your text here was not saved and is "
    "still on screen: copy what you need, then reload."
)


def get_mock_for_participant(request: HttpRequest, pk: int) -> Mock:
    try:
        return selectors.mock_for_participant(user=request.user, pk=pk)
    except Mock.DoesNotExist as exc:
        raise Http404("No such mock.") from exc


def _wants_json(request: HttpRequest) -> bool:
    """room.js and autosave.js ask for JSON; a plain form post (Accept: text/html, */*) does not."""
    return bool(request.htmx) or "application/json" in request.headers.get("Accept", "")


def _error_text(exc: Exception) -> str:
    if isinstance(exc, StaleVersion):
        return STALE_MESSAGE
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _error_status(exc: Exception) -> int:
    """409 when the room's state or another tab is in the way, 403 for the wrong role, 422 for bad input."""
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, StaleVersion | services.IllegalTransition):
        return 409
    return 422


def _refused(exc: Exception) -> JsonResponse:
    return JsonResponse({"error": _error_text(exc)}, status=_error_status(exc))


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
            )
            if data["teammate"]:
                base_url = f"{request.scheme}://{request.get_host()}"
                transaction.on_commit(lambda: send_mock_confirmation(mock, base_url))
                booked = f"Mock booked with {data['teammate'].name}."
                messages.success(request, f"{booked} You both have an email with a calendar file.")
            else:
                messages.success(request, "Mock created. Send the invite link to your partner.")
            return redirect(mock)
    status = 422 if request.method == "POST" else 200
    return render(request, "interviews/mock_new.html", {"form": form}, status=status)


@login_required
def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    invite = MockInvite.objects.select_related("mock__question", "mock__level").filter(token=token).first()
    if invite is None:
        raise Http404("No such invite.")
    if request.method == "POST":
        try:
            mock = services.invite_accept(token=token, user=request.user)
        except ValidationError as exc:
            return render(
                request,
                "interviews/invite.html",
                {"invite": invite, "error": " ".join(exc.messages)},
                status=409,
            )
        base_url = f"{request.scheme}://{request.get_host()}"
        transaction.on_commit(lambda: send_mock_confirmation(mock, base_url))
        messages.success(request, "You're in. Both of you have an email with a calendar file.")
        return redirect(mock)
    return render(request, "interviews/invite.html", {"invite": invite})


@login_required
@require_safe
def mock_room(request: HttpRequest, pk: int) -> HttpResponse:
    mock = get_mock_for_participant(request, pk)
    role = mock.role_of(request.user)
    context = {
        "mock": mock,
        "role": role,
        "timer": services.timer_payload(mock),
        "sections": [(key, label, mock.scratchpad.get(key, "")) for key, label in ANSWER_SECTIONS],
        "last_event": mock.events.order_by("-id").values_list("id", flat=True).first() or 0,
        "invite": mock.invites.filter(accepted_at__isnull=True).first()
        if mock.state == Mock.State.SCHEDULED
        else None,
        "other": mock.other(request.user),
        "can_mark_no_show": mock.state == Mock.State.SCHEDULED
        and mock.other(request.user) is not None
        and timezone.now() >= mock.scheduled_at + services.NO_SHOW_AFTER,
    }
    if role == "interviewer":
        # Everything below stays on the interviewer's side: it is never rendered for the candidate.
        context.update(
            checklist=checklist_for(mock.question, mock.level),
            case_studies=what_they_did(mock.question),
            dimensions=rubric_for_level(mock.level),
        )
    return render(request, "interviews/room.html", context)


@login_required
@require_POST
def mock_action(request: HttpRequest, pk: int) -> HttpResponse:
    mock = get_mock_for_participant(request, pk)
    try:
        mock = services.mock_transition(mock=mock, user=request.user, action=request.POST.get("action", ""))
    except (ValidationError, PermissionDenied) as exc:
        if _wants_json(request):
            return _refused(exc)
        messages.error(request, _error_text(exc))
        return redirect(mock)
    if _wants_json(request):
        return JsonResponse(services.timer_payload(mock))
    return redirect(mock)


@login_required
@require_POST
def scratchpad_save(request: HttpRequest, pk: int) -> JsonResponse:
    mock = get_mock_for_participant(request, pk)
    try:
        version = int(request.POST.get("version", ""))
        content = {key: request.POST.get(f"answer_{key}", "") for key, _ in ANSWER_SECTIONS}
        mock = services.scratchpad_save(mock=mock, user=request.user, content=content, version=version)
    except ValueError:
        return JsonResponse(
            {"error": "Not saved — the form arrived without its version; reload."}, status=422
        )
    except (ValidationError, PermissionDenied, StaleVersion) as exc:
        return _refused(exc)
    return JsonResponse({"version": mock.scratchpad_version})


@login_required
@require_POST
def notes_save(request: HttpRequest, pk: int) -> JsonResponse:
    mock = get_mock_for_participant(request, pk)
    try:
        version = int(request.POST.get("version", ""))
        mock = services.notes_save(
            mock=mock, user=request.user, notes=request.POST.get("notes", ""), version=version
        )
    except ValueError:
        return JsonResponse({"error": "Not saved — reload the page."}, status=422)
    except (ValidationError, PermissionDenied, StaleVersion) as exc:
        return _refused(exc)
    return JsonResponse({"version": mock.notes_version})


@login_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """The interviewer edits the draft until it is submitted; then both participants read it."""
    mock = get_mock_for_participant(request, pk)
    card = getattr(mock, "scorecard", None)
    if card is None or (card.submitted_at is None and mock.role_of(request.user) != "interviewer"):
        raise Http404("The scorecard is not submitted yet.")
    if card.submitted_at is None:
        return _scorecard_edit(request, mock, card)
    return _scorecard_read(request, mock, card)


def _scorecard_edit(request: HttpRequest, mock: Mock, card) -> HttpResponse:
    dimensions = rubric_for_level(mock.level)
    initial = {"version": card.version, "signal": card.signal, "feedback": card.feedback}
    for slug, entry in card.ratings.items():
        initial[f"score_{slug}"], initial[f"evidence_{slug}"] = entry.get("score"), entry.get("evidence", "")
    form = ScorecardForm(request.POST or None, dimensions=dimensions, initial=initial)
    status = 200
    if request.method == "POST":
        submit = "submit" in request.POST
        if not form.is_valid():
            if _wants_json(request):
                errors = " ".join(e for errors in form.errors.values() for e in errors)
                return JsonResponse({"error": f"Not saved — {errors}"}, status=422)
            status = 422
        else:
            data = form.cleaned_data
            try:
                card = services.scorecard_save(
                    mock=mock,
                    user=request.user,
                    ratings=form.ratings(),
                    signal=data["signal"],
                    feedback=data["feedback"],
                    version=data["version"],
                    submit=submit,
                )
            except (ValidationError, StaleVersion) as exc:
                if _wants_json(request):
                    return _refused(exc)
                form.add_error(None, _error_text(exc))
                status = _error_status(exc)
            else:
                if _wants_json(request):  # the autosaved draft
                    return JsonResponse({"version": card.version})
                if submit:
                    messages.success(request, "Scorecard submitted. The candidate can see it now.")
                    return redirect(mock)
                messages.success(request, "Draft saved.")
                return redirect("interviews:scorecard", pk=mock.pk)
    return render(request, "interviews/scorecard_form.html", {"mock": mock, "form": form}, status=status)


def _scorecard_read(request: HttpRequest, mock: Mock, card) -> HttpResponse:
    role = mock.role_of(request.user)
    form = RatingForm(request.POST or None, initial={"comment": card.usefulness_comment})
    context = {
        "mock": mock,
        "card": card,
        "dimensions": rubric_for_level(mock.level),
        "role": role,
        "form": form,
    }
    if request.method != "POST":
        return render(request, "interviews/scorecard_view.html", context)
    if role != "candidate":
        return HttpResponseNotAllowed(["GET"])
    if form.is_valid():
        services.scorecard_rate(
            mock=mock,
            user=request.user,
            usefulness=form.cleaned_data["usefulness"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, "Thanks — your rating is saved.")
        return redirect("interviews:scorecard", pk=mock.pk)
    return render(request, "interviews/scorecard_view.html", context, status=422)


@login_required
@require_safe
def mock_events(request: HttpRequest, pk: int) -> JsonResponse:
    """Polling fallback for browsers whose stream is blocked."""
    mock = get_mock_for_participant(request, pk)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return JsonResponse({"error": "after must be an event id"}, status=400)
    events = selectors.events_after(mock_id=mock.pk, role=mock.role_of(request.user), after=after)
    return JsonResponse({"events": events, "timer": services.timer_payload(mock)})


def _sse(event: dict) -> str:
    return f"id: {event['id']}\nevent: {event['kind']}\ndata: {json.dumps(event['payload'])}\n\n"


async def mock_stream(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """Server-sent events: everything after Last-Event-ID (or ?after=), then live as it happens."""
    user = await request.auser()
    if not user.is_authenticated:
        raise Http404("No such mock.")
    try:
        mock = await sync_to_async(selectors.mock_for_participant)(user=user, pk=pk)
    except Mock.DoesNotExist as exc:
        raise Http404("No such mock.") from exc
    role = mock.role_of(user)
    try:
        after = int(request.headers.get("Last-Event-ID") or request.GET.get("after") or 0)
    except ValueError:
        after = 0
    read = sync_to_async(_events_then_release)

    async def stream():
        nonlocal after
        wake = listener.subscribe(mock.pk)
        try:
            yield "retry: 1000\n\n"
            while True:
                wake.clear()
                for event in await read(mock_id=mock.pk, role=role, after=after):
                    after = event["id"]
                    yield _sse(event)
                try:
                    await asyncio.wait_for(wake.wait(), timeout=15)
                except TimeoutError:
                    yield ": keep-alive\n\n"
        finally:
            listener.unsubscribe(mock.pk, wake)

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def _events_then_release(**kwargs) -> list[dict]:
    """New events, then the connection goes back to the pool: a stream may stay open for an hour and
    must not hold a database connection while it waits."""
    try:
        return selectors.events_after(**kwargs)
    finally:
        connection.close()


@login_required
@require_safe
def mock_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    mock = get_mock_for_participant(request, pk)
    response = HttpResponse(
        mock_ics(mock, f"{request.scheme}://{request.get_host()}"), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="sdprep-mock-{mock.pk}.ics"'
    return response


@login_required
@require_POST
def mock_swap(request: HttpRequest, pk: int) -> HttpResponse:
    mock = get_mock_for_participant(request, pk)
    try:
        swapped = services.mock_swap_roles(mock=mock, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(mock)
    messages.success(request, "Roles swapped: here is the reverse mock, with a new question.")
    return redirect(swapped)


@login_required
@require_safe
def mock_replay(request: HttpRequest, pk: int) -> HttpResponse:
    """Step through the scratchpad's history from the event log."""
    mock = get_mock_for_participant(request, pk)
    if mock.state not in (Mock.State.FEEDBACK, Mock.State.COMPLETED):
        raise Http404("Replay opens after the mock.")
    frames = [
        {"at": event["created_at"], "html": event["payload"]["html"]}
        for event in selectors.scratchpad_history(mock_id=mock.pk)
    ]
    labels = dict(ANSWER_SECTIONS)
    return render(request, "interviews/replay.html", {"mock": mock, "frames": frames, "labels": labels})


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
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Slot offered. You'll get an email when someone books it.")
            return redirect("interviews:slots")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "interviews/slots.html", {"form": form, "slots": selectors.open_slots()}, status=status
    )


def _slot(pk: int) -> Slot:
    slot = Slot.objects.filter(pk=pk).first()
    if slot is None:
        raise Http404("No such slot.")
    return slot


@login_required
@require_POST
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        mock = services.slot_book(slot=_slot(pk), user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(
            request,
            "interviews/slots.html",
            {"form": SlotForm(user=request.user), "slots": selectors.open_slots()},
            status=409,
        )
    base_url = f"{request.scheme}://{request.get_host()}"
    transaction.on_commit(lambda: send_mock_confirmation(mock, base_url))
    messages.success(request, "Booked. You both have an email with a calendar file.")
    return redirect(mock)


@login_required
@require_POST
def slot_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    slot = _slot(pk)
    if slot.user_id != request.user.pk:
        raise Http404("No such slot.")
    try:
        services.slot_withdraw(slot=slot, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Slot withdrawn.")
    return redirect("interviews:slots")
