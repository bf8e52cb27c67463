"""The profile's reliability line: how many mocks a user completed and how many they missed.

Access helpers: the project's convention, `<object>_for_<who>(*, user, pk)` returning the object or
raising Http404. This module needs none: `reliability_for` reads only the `user` it is passed, and the
profile view passes `request.user`, so there is no access to check.
"""

from django.db.models import Q

from interviews.models import Mock


def reliability_for(*, user) -> dict:
    """Mocks completed (as either participant) and no-shows: 2 queries."""
    return {
        "completed": Mock.objects.filter(
            Q(interviewer=user) | Q(candidate=user), state=Mock.State.COMPLETED
        ).count(),
        "no_shows": Mock.objects.filter(no_show_user=user).count(),
    }
