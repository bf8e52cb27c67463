"""Sessions that load their user in the same query.

Django reads a signed-in request's session, then its user: two round trips before any view runs. Here
the session row carries its user's id (set whenever the session is saved) and is read with the user
joined, so the user comes for free; `accounts.middleware.AuthenticationMiddleware` uses it after the
same checks Django makes (same id, known backend, active, session hash), and asks Django otherwise.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    _preloaded_user = None

    @classmethod
    def get_model_class(cls):
        from accounts.models import SignedInSession

        return SignedInSession

    def _get_session_from_db(self):
        row = super()._get_session_from_db()  # the model's manager joins the user
        self._preloaded_user = row.user if row is not None else None
        return row

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = str(data.get(SESSION_KEY, ""))
        instance.user_id = int(user_id) if user_id.isdigit() else None
        return instance

    def preloaded_user(self):
        """The user read with this session (None when signed out or not read from the database)."""
        self._get_session()  # loads the session (and its user) if it was not loaded yet
        return self._preloaded_user
