import datetime

from django.utils import timezone

from casestudies.models import Level, Question
from interviews.services import mocks as services


def scheduled_mock(*, interviewer, candidate=None, level_code: str = "L6", **overrides):
    """A mock that `interviewer` created, accepted by `candidate` when given: (mock, invite)."""
    level = Level.objects.get(code=level_code)
    fields = {
        "question": Question.objects.filter(levels=level).order_by("slug").first(),
        "scheduled_at": timezone.now() + datetime.timedelta(hours=1),
        **overrides,
    }
    mock, invite = services.mock_create(user=interviewer, level=level, role="interviewer", **fields)
    if candidate is not None:
        services.invite_accept(token=invite.token, user=candidate)
        mock.refresh_from_db()
    return mock, invite
