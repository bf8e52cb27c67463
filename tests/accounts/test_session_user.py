"""The session loads its user in the same query, and every check Django makes still applies."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import SignedInSession

HELLO = "/bench/hello/"


def _queries(client, url=HELLO):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured]


def test_a_signed_in_request_reads_its_session_and_user_in_one_query(client_bob, bob):
    client_bob.get(HELLO)  # the first request of a session also records it
    row = SignedInSession.objects.get(session_key=client_bob.session.session_key)
    assert row.user_id == bob.pk
    response, sql = _queries(client_bob, reverse("profile:edit"))
    assert response.status_code == 200 and bob.email in response.content.decode()
    _response, sql = _queries(client_bob)
    assert len(sql) == 1 and 'JOIN "accounts_user"' in sql[0]


def test_a_password_changed_elsewhere_signs_this_session_out(client_bob, bob):
    client_bob.get(HELLO)
    bob.set_password("a new password for bob 1234")
    bob.save()
    response = client_bob.get(reverse("profile:edit"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not SignedInSession.objects.filter(user=bob).exists()


def test_a_deactivated_user_is_signed_out(client_bob, bob):
    client_bob.get(HELLO)
    bob.is_active = False
    bob.save()
    response = client_bob.get(reverse("profile:edit"))
    assert response.status_code == 302


def test_a_session_from_before_the_move_still_signs_in(client_bob, bob):
    """Rows copied by the migration have no user yet: Django's own lookup reads it, and the next save
    names the user."""
    client_bob.get(HELLO)
    SignedInSession.objects.update(user=None)
    response, sql = _queries(client_bob, reverse("profile:edit"))
    assert response.status_code == 200 and any('FROM "accounts_user"' in s for s in sql)


def test_an_expired_session_row_is_not_read(client_bob, bob):
    from datetime import timedelta

    from django.utils import timezone

    client_bob.get(HELLO)
    SignedInSession.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client_bob.get(reverse("profile:edit"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_user_read_with_the_session_is_the_one_the_orm_reads(client_bob, bob):
    from accounts.sessions import SessionStore

    client_bob.get(HELLO)
    bob.refresh_from_db()
    store = SessionStore(client_bob.session.session_key)
    user = store.preloaded_user()
    fields = [f.attname for f in type(bob)._meta.concrete_fields]
    assert {f: getattr(user, f) for f in fields} == {f: getattr(bob, f) for f in fields}
    assert user._state.adding is False and user._state.db == "default"
    assert SessionStore("no-such-session-key-0123456789abcd").preloaded_user() is None
