"""Writes for the whiteboard: the shared board of a live mock (merged per element, each accepted change
appended to the event log) and the solo board of a practice attempt (saved whole, with a version)."""

from django.db import transaction

from interviews.board import elements_cleaned, scene_merged
from interviews.events import event_append
from interviews.models import Mock, PracticeAttempt
from interviews.services.mocks import IllegalTransition, mock_locked_for
from sdprep.errors import DomainError
from sdprep.versioning import StaleVersion

STALE_BOARD_MESSAGE = (
    "This board was saved from another tab or window since this one loaded. Your drawing here was not "
    "saved and is still on screen: export what you need, then reload to continue from the newer board."
)


@transaction.atomic
def board_apply(*, mock: Mock, user, elements) -> tuple[Mock, list[dict]]:
    """Merge a participant's changed elements into the room's board; log the ones that changed it."""
    mock = mock_locked_for(user, mock.pk)
    role = mock.role_of(user)
    if mock.state != Mock.State.LIVE:
        raise IllegalTransition("The board is open while the mock is live.")
    merged, accepted = scene_merged(mock.board, elements_cleaned(elements))
    if accepted:
        mock.board, mock.board_version = merged, mock.board_version + 1
        mock.save(update_fields=["board", "board_version"])
        event_append(mock, "board", {"elements": accepted, "version": mock.board_version, "by": role})
    return mock, accepted


@transaction.atomic
def attempt_board_save(*, attempt: PracticeAttempt, elements, version: int) -> PracticeAttempt:
    """Replace the attempt's board if it is still at `version`; a stale tab is refused, not merged."""
    attempt = PracticeAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_finished:
        raise DomainError("This attempt is finished; start a new one to practise again.")
    if attempt.board_version != version:
        raise StaleVersion(STALE_BOARD_MESSAGE)
    attempt.board = {element["id"]: element for element in elements_cleaned(elements)}
    attempt.board_version = version + 1
    attempt.save(update_fields=["board", "board_version"])
    return attempt
