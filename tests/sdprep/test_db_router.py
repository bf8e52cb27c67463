"""The router's rules without a replica to hand (tests/reliability/test_replica.py runs a real one)."""

import time

import pytest
from django.test import RequestFactory, override_settings

from accounts.models import User
from sdprep.db_router import COOKIE, ReplicaRouter, read_replica, wrote_recently

REPLICA_DATABASES = {"default": {}, "replica": {}}


def request_with(cookie: str | None):
    request = RequestFactory().get("/library/")
    if cookie is not None:
        request.COOKIES[COOKIE] = cookie
    return request


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")  # the router only reads its keys
def test_reads_go_to_the_replica_only_inside_read_replica_and_writes_never():
    router = ReplicaRouter()
    with override_settings(DATABASES=REPLICA_DATABASES):
        assert router.db_for_read(User) == "default"
        with read_replica():
            assert router.db_for_read(User) == "replica"
            assert router.db_for_write(User, instance=User()) == "default"
        assert router.db_for_read(User) == "default"
    with read_replica():  # no replica configured: the primary
        assert router.db_for_read(User) == "default"
    assert router.allow_migrate("replica", "accounts") is False


def test_a_recent_write_pins_the_primary_and_a_mangled_cookie_does_not_break_the_page(settings):
    settings.DATABASE_REPLICA_PIN_SECONDS = 5
    assert wrote_recently(request_with(f"{time.time() - 1:.3f}"))
    assert not wrote_recently(request_with(f"{time.time() - 6:.3f}"))
    for mangled in [None, "", "yesterday", "1e400x"]:
        assert not wrote_recently(request_with(mangled))


def test_without_a_replica_no_cookie_is_set(client, db):
    response = client.post("/accounts/login/", {"login": "nobody@example.com", "password": "wrong-password"})
    assert COOKIE not in response.cookies
