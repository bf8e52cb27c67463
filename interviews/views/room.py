"""The live room: the page, its actions and saves, the event stream (with polling beside it), the replay."""

from asgiref.sync import sync_to_async
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from interviews import events, selectors
from interviews.board import scene_as_list
from interviews.models import ANSWER_SECTIONS, Mock
from interviews.services import mocks as services
from interviews.views.http import no_version, posted_version, wants_json
from sdprep.errors import REFUSALS, error_message, refused_json


@login_required
@require_safe
def mock_room(request: HttpRequest, pk: int) -> HttpResponse:
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    role = mock.role_of(request.user)
    last_event = events.last_event_id(mock_id=mock.pk)
    # Read after the last event id: every change up to it is in this scene, and the stream sends the rest.
    board = Mock.objects.filter(pk=mock.pk).values_list("board", flat=True).get()
    context = {
        "mock": mock,
        "role": role,
        "timer": services.timer_payload(mock),
        "sections": [(key, label, mock.scratchpad.get(key, "")) for key, label in ANSWER_SECTIONS],
        "last_event": last_event,
        "board_elements": scene_as_list(board),
        "board_url": reverse("interviews:mock_board", args=[mock.pk]),
        "board_editable": mock.state == Mock.State.LIVE,
        "mermaid_form": "scratchpad-form" if role == "candidate" else "",
        "invite": mock.invites.filter(accepted_at__isnull=True).first()
        if mock.state == Mock.State.SCHEDULED
        else None,
        "other": mock.other(request.user),
        "thrown": selectors.curveballs_thrown(mock_id=mock.pk),
        "can_mark_no_show": mock.state == Mock.State.SCHEDULED
        and mock.other(request.user) is not None
        and timezone.now() >= mock.scheduled_at + services.NO_SHOW_AFTER,
    }
    if role == "interviewer":
        # Everything below stays on the interviewer's side: it is never rendered for the candidate.
        context.update(
            checklist=selectors.checklist_for(mock.question, mock.level),
            case_studies=selectors.what_they_did(mock.question),
            dimensions=selectors.rubric_for_question(mock.question, mock.level),
            probes=selectors.probes_by_phase(mock.question, mock.phases, mock.phase[0]),
            curveballs=[
                (i, curveball, context["thrown"].get(i))
                for i, curveball in enumerate(mock.question.curveballs)
            ],
        )
    return render(request, "interviews/room.html", context)


@login_required
@require_POST
def mock_action(request: HttpRequest, pk: int) -> HttpResponse:
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    try:
        mock = services.mock_transition(
            mock=mock,
            user=request.user,
            action=request.POST.get("action", ""),
            choice=request.POST.get("curveball", ""),
        )
    except REFUSALS as exc:
        if wants_json(request):
            return refused_json(exc)
        messages.error(request, error_message(exc))
        return redirect(mock)
    if wants_json(request):
        return JsonResponse(services.timer_payload(mock))
    return redirect(mock)


@login_required
@require_POST
def scratchpad_save(request: HttpRequest, pk: int) -> JsonResponse:
    mock = Mock(pk=pk)  # read nowhere before the service's lock, which also 404s outsiders
    version = posted_version(request)
    if version is None:
        selectors.mock_for_participant(user=request.user, pk=pk)  # an outsider hears 404 first
        return no_version()
    content = {key: request.POST.get(f"answer_{key}", "") for key, _ in ANSWER_SECTIONS}
    try:
        mock = services.scratchpad_save(mock=mock, user=request.user, content=content, version=version)
    except REFUSALS as exc:
        return refused_json(exc)
    return JsonResponse({"version": mock.scratchpad_version})


@login_required
@require_POST
def notes_save(request: HttpRequest, pk: int) -> JsonResponse:
    mock = Mock(pk=pk)  # read nowhere before the service's lock, which also 404s outsiders
    version = posted_version(request)
    if version is None:
        selectors.mock_for_participant(user=request.user, pk=pk)  # an outsider hears 404 first
        return no_version()
    try:
        mock = services.notes_save(
            mock=mock, user=request.user, notes=request.POST.get("notes", ""), version=version
        )
    except REFUSALS as exc:
        return refused_json(exc)
    return JsonResponse({"version": mock.notes_version})


@login_required
@require_safe
def mock_events(request: HttpRequest, pk: int) -> JsonResponse:
    """Polling fallback for browsers whose stream is blocked."""
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return JsonResponse({"error": "after must be an event id"}, status=400)
    log = events.events_after(mock_id=mock.pk, role=mock.role_of(request.user), after=after)
    return JsonResponse({"events": log, "timer": services.timer_payload(mock)})


async def mock_stream(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """Server-sent events: everything after Last-Event-ID (or ?after=), then live as it happens."""
    user = await request.auser()
    if not user.is_authenticated:
        raise Http404("No such mock.")
    mock = await sync_to_async(selectors.mock_for_participant)(user=user, pk=pk)
    role = mock.role_of(user)
    try:
        after = int(request.headers.get("Last-Event-ID") or request.GET.get("after") or 0)
    except ValueError:
        after = 0

    def read(*, after: int) -> list[dict]:
        # A stream may stay open for an hour: it hands its connection back to the pool between reads.
        try:
            return events.events_after(mock_id=mock.pk, role=role, after=after)
        finally:
            connection.close()

    stream = events.sse_stream(mock_id=mock.pk, after=after, read=sync_to_async(read))
    response = StreamingHttpResponse(stream, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


@login_required
@require_safe
def mock_replay(request: HttpRequest, pk: int) -> HttpResponse:
    """The mock rebuilt at any moment from the event log: board, scratchpad, phases, interviewer's notes."""
    mock = selectors.mock_for_participant(user=request.user, pk=pk)
    if mock.state not in (Mock.State.FEEDBACK, Mock.State.COMPLETED):
        raise Http404("Replay opens after the mock.")
    timeline = events.replay_timeline(mock_id=mock.pk, role=mock.role_of(request.user))
    context = {
        "mock": mock,
        "frames": events.scratchpad_frames(mock_id=mock.pk),
        "timeline": timeline,
        "phase_timings": selectors.phase_timings(mock, timeline),
        "has_board": any(event["kind"] == "board" for event in timeline),
        "has_changes": any(event["kind"] == "curveball" for event in timeline),
        "span": {
            "start": (mock.started_at or mock.created_at).isoformat(),
            "end": (mock.ended_at or timezone.now()).isoformat(),
            "phases": [label for _key, label, _minutes in mock.phases],
        },
        "labels": dict(ANSWER_SECTIONS),
    }
    return render(request, "interviews/replay.html", context)
