"""The authorization matrix's table: every URL in the URL configuration x every kind of visitor.

Each row names a URL, the method that does its work, how to fill its arguments from the world
(tests/security/world.py) and what each visitor gets, in the order of ROLES:
anonymous, outsider, owner (participant or member), manager, staff.

- `login`: a redirect to the sign-in page; only ever for anonymous visitors;
- `404`: refused without saying the object exists;
- a number: that exact status (the visitor is allowed, or the request is refused for what it says,
  not for who sends it);
- `stream`: allowed, and answered with an endless event stream (tests/browser/test_mock_stream.py
  reads it; here only the refusals are checked).

Every refusal (`login`, `404`) must leave every table as it was. Allowed requests run inside a savepoint
that is rolled back, so each row starts from the same world. A URL in the configuration without a row
here fails the build: add it below with what each visitor should get.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from tests.security.urls import admin_kwargs, routes
from tests.security.world import Writes


def _args(**fields):
    """Keyword arguments read from the world by attribute path, e.g. pk="attempt.pk"."""

    def build(world):
        values = {}
        for key, path in fields.items():
            value = world
            for part in path.split("."):
                value = value[part] if isinstance(value, dict) else getattr(value, part)
            values[key] = value
        return values

    return build


NO_ARGS = _args()
ANYONE = "200 200 200 200 200"
SIGNED_IN = "login 200 200 200 200"
OWNER_ONLY = "login 404 200 404 404"
MANAGER_ONLY = "login 404 404 200 404"

# name: (method, kwargs, expected for anonymous outsider owner manager staff)
MATRIX: dict[str, tuple[str, object, str]] = {
    "home": ("GET", NO_ARGS, ANYONE),
    "healthz": ("GET", NO_ARGS, ANYONE),
    "hello": ("GET", NO_ARGS, ANYONE),
    "<unnamed favicon.ico>": ("GET", NO_ARGS, "301 301 301 301 301"),
    "search": ("GET", NO_ARGS, SIGNED_IN),
    # The library is the same for everyone signed in; marks, bookmarks and notes are the visitor's own.
    "casestudies:library": ("GET", NO_ARGS, SIGNED_IN),
    "casestudies:detail": ("GET", _args(slug="case_study.slug"), SIGNED_IN),
    "progress:toggle_studied": ("POST", _args(section_id="section.pk"), "login 302 302 302 302"),
    "progress:toggle_bookmark": ("POST", _args(slug="case_study.slug"), "login 302 302 302 302"),
    "progress:save_note": ("POST", _args(slug="case_study.slug"), "login 422 422 422 422"),
    # Practice: the bank is shared, attempts are private to their owner.
    "interviews:bank": ("GET", NO_ARGS, SIGNED_IN),
    "interviews:reviews": ("GET", NO_ARGS, SIGNED_IN),
    "interviews:preview": ("POST", NO_ARGS, SIGNED_IN),
    "interviews:question": ("GET", _args(slug="question.slug"), SIGNED_IN),
    "interviews:start": ("POST", _args(slug="question.slug"), "login 302 302 302 302"),
    "interviews:attempt": ("GET", _args(pk="attempt.pk"), OWNER_ONLY),
    "interviews:save": ("POST", _args(pk="attempt.pk"), "login 404 422 404 404"),
    # The boards take JSON: the matrix's empty form body is unreadable to them, so the owner gets a 400.
    "interviews:attempt_board": ("POST", _args(pk="attempt.pk"), "login 404 400 404 404"),
    "interviews:timer": ("POST", _args(pk="attempt.pk"), "login 404 200 404 404"),
    "interviews:hint": ("POST", _args(pk="attempt.pk"), "login 404 302 404 404"),
    "interviews:finish": ("GET", _args(pk="attempt.pk"), OWNER_ONLY),
    "interviews:result": ("GET", _args(pk="finished_attempt.pk"), OWNER_ONLY),
    # Mocks: a room is its two participants' only.
    "interviews:mocks": ("GET", NO_ARGS, SIGNED_IN),
    "interviews:mock_new": ("GET", NO_ARGS, SIGNED_IN),
    "interviews:slots": ("GET", NO_ARGS, SIGNED_IN),
    "interviews:slot_book": ("POST", _args(pk="others_slot.pk"), "login 302 302 302 302"),
    "interviews:slot_withdraw": ("POST", _args(pk="slot.pk"), "login 404 302 404 404"),
    # Whoever holds the link may take the empty seat: the token is the capability.
    "interviews:invite": ("GET", _args(token="mock_token"), SIGNED_IN),
    "interviews:mock": ("GET", _args(pk="live_mock.pk"), OWNER_ONLY),
    "interviews:mock_action": ("POST", _args(pk="live_mock.pk"), "login 404 302 404 404"),
    "interviews:scratchpad": ("POST", _args(pk="live_mock.pk"), "login 404 422 404 404"),
    "interviews:mock_board": ("POST", _args(pk="live_mock.pk"), "login 404 400 404 404"),
    "interviews:notes": ("POST", _args(pk="live_mock.pk"), "login 404 422 404 404"),
    "interviews:scorecard": ("GET", _args(pk="done_mock.pk"), "login 404 404 404 404"),
    "interviews:mock_events": ("GET", _args(pk="live_mock.pk"), OWNER_ONLY),
    "interviews:mock_stream": ("GET", _args(pk="live_mock.pk"), "404 404 stream 404 404"),
    "interviews:mock_calendar": ("GET", _args(pk="live_mock.pk"), OWNER_ONLY),
    "interviews:mock_swap": ("POST", _args(pk="done_mock.pk"), "login 404 302 404 404"),
    "interviews:mock_replay": ("GET", _args(pk="done_mock.pk"), OWNER_ONLY),
    # Dashboards are the visitor's own.
    "dashboard:home": ("GET", NO_ARGS, "login 302 302 302 302"),
    "dashboard:level": ("GET", _args(level_code="level.code"), SIGNED_IN),
    # Teams: reports are the managers'; a member sees the team list and what managers see of them.
    "teams:list": ("GET", NO_ARGS, SIGNED_IN),
    "teams:create": ("POST", NO_ARGS, "login 422 422 422 422"),
    "teams:join": ("GET", _args(token="team_token"), "login 200 409 409 200"),
    "team_reports:visibility": ("GET", NO_ARGS, SIGNED_IN),
    # A member has no report page: theirs is the people list.
    "team_reports:team": ("GET", _args(pk="team.pk"), "login 404 302 200 404"),
    "team_reports:member": ("GET", _args(pk="team.pk", user_id="people.owner.pk"), MANAGER_ONLY),
    "team_reports:export": ("GET", _args(pk="team.pk"), MANAGER_ONLY),
    "teams:manage": ("GET", _args(pk="team.pk"), "login 404 200 200 404"),
    "teams:invite_create": ("POST", _args(pk="team.pk"), "login 404 404 422 404"),
    "teams:invite_revoke": ("POST", _args(pk="team.pk", invite_id="team_invite.pk"), "login 404 404 302 404"),
    "teams:member_remove": ("POST", _args(pk="team.pk", user_id="people.owner.pk"), "login 404 404 302 404"),
    "teams:member_role": ("POST", _args(pk="team.pk", user_id="people.owner.pk"), "login 404 404 422 404"),
    "teams:leave": ("POST", _args(pk="team.pk"), "login 404 302 409 404"),
    "profile:edit": ("GET", NO_ARGS, SIGNED_IN),
    # allauth: the sign-in pages send a signed-in visitor on; account pages need a session.
    "account_login": ("GET", NO_ARGS, "200 302 302 302 302"),
    "account_logout": ("GET", NO_ARGS, "302 200 200 200 200"),
    "account_inactive": ("GET", NO_ARGS, ANYONE),
    "account_signup": ("GET", NO_ARGS, "200 302 302 302 302"),
    "account_reauthenticate": ("GET", NO_ARGS, SIGNED_IN),
    "account_email": ("GET", NO_ARGS, SIGNED_IN),
    "account_email_verification_sent": ("GET", NO_ARGS, ANYONE),
    "account_change_password": ("GET", NO_ARGS, SIGNED_IN),
    "account_set_password": ("GET", NO_ARGS, "login 302 302 302 302"),
    "account_reset_password": ("GET", NO_ARGS, ANYONE),
    "account_confirm_login_code": ("GET", NO_ARGS, "login 302 302 302 302"),
    "account_confirm_email": ("GET", lambda w: {"key": "not-a-key"}, ANYONE),
    "account_reset_password_from_key_done": ("GET", NO_ARGS, ANYONE),
    "account_reset_password_from_key": ("GET", lambda w: {"uidb36": "zz", "key": "nope"}, ANYONE),
    "account_reset_password_done": ("GET", NO_ARGS, ANYONE),
    "mfa_index": ("GET", NO_ARGS, SIGNED_IN),
    "mfa_authenticate": ("GET", NO_ARGS, "login 302 302 302 302"),
    "mfa_reauthenticate": ("GET", NO_ARGS, "login 302 302 302 302"),
    # Changing a second factor asks for the password again first; without one there is nothing to show.
    "mfa_activate_totp": ("GET", NO_ARGS, "login 302 302 302 302"),
    "mfa_deactivate_totp": ("GET", NO_ARGS, "login 404 404 404 404"),
    "mfa_view_recovery_codes": ("GET", NO_ARGS, "login 404 404 404 404"),
    "mfa_generate_recovery_codes": ("GET", NO_ARGS, "login 302 302 302 302"),
    "mfa_download_recovery_codes": ("GET", NO_ARGS, "login 404 404 404 404"),
    "usersessions_list": ("GET", NO_ARGS, SIGNED_IN),
}

# The admin, for every model it lists: staff only; anyone else is sent to its sign-in page (anonymous)
# or told it does not exist (signed in).
ADMIN_PUBLIC = {
    "admin:login": "200 404 404 404 302",
    "admin:logout": "302 404 404 404 405",
    # Staff reach these only with query arguments the admin's own pages add.
    "admin:autocomplete": "login 404 404 404 403",
    "admin:view_on_site": "login 404 404 404 404",
}
ADMIN_RULE = "login 404 404 404 {staff}"


def expected_for(name: str) -> tuple[str, object, list[str]]:
    if name in MATRIX:
        method, kwargs, expected = MATRIX[name]
    elif name in ADMIN_PUBLIC:
        method, kwargs, expected = "GET", None, ADMIN_PUBLIC[name]
    elif name.startswith("admin:") or name.startswith("<unnamed admin/"):
        method, kwargs, expected = "GET", None, ADMIN_RULE.format(staff="ok")
    else:
        raise KeyError(name)
    return method, kwargs, expected.split()


def login_redirect(response, name: str) -> bool:
    if response.status_code != 302:
        return False
    target = reverse("admin:login") if name.startswith("admin:") else reverse(settings.LOGIN_URL)
    return response["Location"].startswith(target)


def outcome_matches(expected: str, response, name: str) -> bool:
    if expected == "login":
        return login_redirect(response, name)
    if expected == "ok":
        return response.status_code < 400 and not login_redirect(response, name)
    return response.status_code == int(expected)


def path_of(name: str, method_kwargs, world) -> str:
    pattern = next(r.pattern for r in routes() if r.name == name)
    if name.startswith("<unnamed "):
        return "/" + pattern
    kwargs = method_kwargs(world) if callable(method_kwargs) else admin_kwargs(name, world)
    return reverse(name, kwargs=kwargs)


def send(client, method: str, path: str, data: dict | None = None, **extra) -> tuple[object, list[str]]:
    """The response, and the tables the request wrote to; whatever it wrote is rolled back."""
    before = Writes.take()
    with transaction.atomic():
        response = getattr(client, method.lower())(path, data or {}, **extra)
        written = Writes.take().tables_written_since(before)
        transaction.set_rollback(True)
    return response, written
