import time
import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Show times in the signed-in user's own zone; the database stays in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class UserSessionActivityMiddleware:
    """allauth's "last seen" on the sessions page, refreshed at most every five minutes per session.

    allauth's own middleware rewrites the session's row on every request: five queries per page, and a
    row lock that makes one session's concurrent requests (two tabs, htmx fragments) wait for each other.
    """

    INTERVAL = 300
    KEY = "_sdprep_seen_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from allauth.usersessions.models import UserSession

        session, user = getattr(request, "session", None), getattr(request, "user", None)
        if session is not None and session.session_key and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.INTERVAL:
                UserSession.objects.create_from_request(request)
                session[self.KEY] = now
        return self.get_response(request)
