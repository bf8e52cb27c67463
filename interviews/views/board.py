"""The whiteboard's endpoints: a live mock's shared board and a practice attempt's own board (JSON)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from interviews import selectors
from interviews.models import Mock
from interviews.services import board as services
from sdprep.errors import REFUSALS, refused_json

UNREADABLE = "Not saved — the board change arrived unreadable; reload the page."


def _body(request: HttpRequest) -> dict | None:
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError; RecursionError: deep nesting
        return None
    return data if isinstance(data, dict) else None


@login_required
@require_POST
def mock_board(request: HttpRequest, pk: int) -> JsonResponse:
    """Elements whose version rose since the browser last sent them; answers the board's new version."""
    mock = Mock(pk=pk)  # read nowhere before the service's lock, which also 404s outsiders
    data = _body(request)
    if data is None:
        selectors.mock_for_participant(user=request.user, pk=pk)  # an outsider hears 404 first
        return JsonResponse({"error": UNREADABLE}, status=400)
    try:
        mock, accepted = services.board_apply(mock=mock, user=request.user, elements=data.get("elements"))
    except REFUSALS as exc:
        return refused_json(exc, prefix="Not saved — ")
    return JsonResponse({"version": mock.board_version, "accepted": len(accepted)})


@login_required
@require_POST
def attempt_board(request: HttpRequest, pk: int) -> JsonResponse:
    """The whole solo board with the version it started from; 409 when another tab saved first."""
    attempt = selectors.attempt_for_user(user=request.user, pk=pk)
    data = _body(request)
    version = data.get("version") if data is not None else None
    if not isinstance(version, int) or isinstance(version, bool):
        return JsonResponse({"error": UNREADABLE}, status=400)
    try:
        attempt = services.attempt_board_save(attempt=attempt, elements=data.get("elements"), version=version)
    except REFUSALS as exc:
        return refused_json(exc, prefix="Not saved — ")
    return JsonResponse({"version": attempt.board_version})
