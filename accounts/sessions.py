"""Sessions that load their user in the same query.

Django reads a signed-in request's session, then its user: two round trips before any view runs. Here
the session row carries its user's id (set whenever the session is saved) and is read with the user
joined, so the user comes for free; `accounts.middleware.AuthenticationMiddleware` uses it after the
same checks Django makes (same id, known backend, active, session hash), and asks Django otherwise.

Every request reads its session, so the read is one SQL statement composed once per process from the
models' own tables and columns: the ORM would compile the same join again on every request, a third of
the signed-in hello's time. Values pass through the converters the ORM would apply.
"""

import functools

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db import connections, router
from django.utils import timezone


@functools.cache
def _read_statement(alias: str):
    """The session row with its user joined; the user's fields and, per field, the converters to apply."""
    from accounts.models import SignedInSession

    connection = connections[alias]
    quote = connection.ops.quote_name
    link = SignedInSession._meta.get_field("user")
    user_model = link.related_model
    fields, table = user_model._meta.concrete_fields, user_model._meta.db_table
    columns = [f.get_col(table) for f in fields]
    converters = [connection.ops.get_db_converters(c) + c.get_db_converters(connection) for c in columns]
    # Only the models' own (quoted) table and column names go into the text; the key and time are bound.
    selected = ", ".join(f"u.{quote(f.column)}" for f in fields)
    joined = (
        f"{quote(SignedInSession._meta.db_table)} s LEFT JOIN {quote(table)} u "
        f"ON u.{quote(user_model._meta.pk.column)} = s.{quote(link.column)}"
    )
    sql = f"SELECT s.session_data, s.expire_date, {selected} FROM {joined} "  # noqa: S608
    sql += "WHERE s.session_key = %s AND s.expire_date > %s"
    return sql, user_model, [f.attname for f in fields], list(zip(columns, converters, strict=True))


class SessionStore(DBStore):
    _preloaded_user = None

    @classmethod
    def get_model_class(cls):
        from accounts.models import SignedInSession

        return SignedInSession

    def _get_session_from_db(self):
        alias = router.db_for_read(self.model)
        sql, user_model, attnames, converters = _read_statement(alias)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        self._preloaded_user = None
        if row is None:
            self._session_key = None  # as Django's: an unknown or expired key starts a new session
            return None
        session_data, expire_date, *values = row
        if values[0] is not None:  # the user's id: a signed-in session
            for i, (column, funcs) in enumerate(converters):
                for func in funcs:
                    values[i] = func(values[i], column, connection)
            self._preloaded_user = user_model.from_db(alias, attnames, values)
        return self.model(session_key=self.session_key, session_data=session_data, expire_date=expire_date)

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = str(data.get(SESSION_KEY, ""))
        instance.user_id = int(user_id) if user_id.isdigit() else None
        return instance

    def preloaded_user(self):
        """The user read with this session (None when signed out or not read from the database)."""
        self._get_session()  # loads the session (and its user) if it was not loaded yet
        return self._preloaded_user
