import time
import zoneinfo

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject


def _session_user(request):
    """The user accounts.sessions read with the session, when Django would accept it; else Django's."""
    if not hasattr(request, "_cached_user"):
        session = request.session
        user = session.preloaded_user() if hasattr(session, "preloaded_user") else None
        hash_ = session.get(HASH_SESSION_KEY)
        if (
            user is not None
            and user.is_active
            and str(user.pk) == str(session.get(SESSION_KEY))
            and session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
            and hash_
            and constant_time_compare(hash_, user.get_session_auth_hash())
        ):
            request._cached_user = user
        else:  # anything unusual (fallback secrets, a deactivated user, no user yet): Django decides
            request._cached_user = auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with the signed-in user taken from the session's own query (accounts.sessions)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _session_user(request))


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


class SessionLifetimeMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT seconds without a request, and
    SESSION_ABSOLUTE_LIFETIME seconds after its sign-in however busy it has been.

    Idle time is read from the stamp UserSessionActivityMiddleware (after this one) refreshes every five
    minutes, so the idle limit is kept to within those five minutes.
    """

    SIGNED_IN_AT = "_sdprep_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = self.expired(request.session, int(time.time()))
            if reason:
                auth.logout(request)
                messages.info(request, f"You were signed out {reason}. Sign in again to go on.")
        return self.get_response(request)

    def expired(self, session, now: int) -> str:
        signed_in_at = session.setdefault(self.SIGNED_IN_AT, now)
        seen_at = session.get(UserSessionActivityMiddleware.KEY, now)
        if now - signed_in_at > settings.SESSION_ABSOLUTE_LIFETIME:
            return f"{_duration(settings.SESSION_ABSOLUTE_LIFETIME)} after signing in"
        if now - seen_at > settings.SESSION_IDLE_TIMEOUT:
            return f"after {_duration(settings.SESSION_IDLE_TIMEOUT)} without activity"
        return ""


def _duration(seconds: int) -> str:
    hours = seconds // 3600
    if hours >= 48 and hours % 24 == 0:
        return f"{hours // 24} days"
    return f"{hours} hours" if hours >= 2 else f"{seconds // 60} minutes"


def stamp_sign_in(sender, request, user, **kwargs):
    """Connected to user_logged_in: the absolute lifetime counts from here."""
    if request is not None and hasattr(request, "session"):
        request.session[SessionLifetimeMiddleware.SIGNED_IN_AT] = int(time.time())
