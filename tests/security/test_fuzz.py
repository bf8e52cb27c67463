"""Property-based fuzzing of every form and htmx endpoint: no input gets a 500.

Each row of ENDPOINTS names a URL, who is signed in to use it (so the fuzz reaches the form rather than
a 404), and an Input per URL argument and per field: its real values (the visitor's own, someone
else's) and a Hypothesis strategy that spoils them: ids that do not exist or pass the bigint range,
text PostgreSQL, JSON or the encoding dislike (NUL, lone surrogates, bidi marks, emoji, 100k
characters), numbers as text (NaN, inf, huge), fields left out, sent twice, and fields nobody expects;
with and without `HX-Request`. Redirects are followed and on-commit work (emails) runs. Any 5xx, or any
exception the test client re-raises, fails the row.

Random search can miss the one field that breaks, so test_one_bad_input_at_a_time also sends, for
every field and argument in turn, its worst values (a NUL byte, an id past bigint, an address IDNA
refuses) with everything else real.

Every request runs in a savepoint that is rolled back, with the client's cookies put back, so each one
starts from the same world: finishing an attempt or leaving a team does not stop the next example from
reaching validation. A URL of the project without a row (or a NOT_FUZZED reason) fails
test_every_url_is_fuzzed_or_says_why_not.
"""

from __future__ import annotations

import copy
import datetime
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudies.models import CaseStudy, Category, ChecklistItem, Level, Question, RubricDimension
from interviews.models import ANSWER_SECTIONS, MockEvent
from interviews.services import mocks as mock_services
from interviews.services import practice as practice_services
from interviews.services import scorecards as scorecard_services
from interviews.services.mocks import TRANSITIONS
from teams import services as team_services
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.interviews import scheduled_mock
from tests.factories.teams import team_with
from tests.security.world import build_world

# A deeper hunt: SDPREP_FUZZ_EXAMPLES=500 pytest tests/security/test_fuzz.py
EXAMPLES = int(os.environ.get("SDPREP_FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# Values ------------------------------------------------------------------------------------------

MISSING = None  # a field left out of the request

AWKWARD_CHARS = [
    "\x00",  # PostgreSQL refuses it in text and in jsonb
    "\ud800",  # lone surrogates: not UTF-8, sent as the bytes a broken client sends
    "\udfff",
    "\u202e",  # right-to-left override
    "\u200f",
    "\ufeff",
    "\u2028",
    "\U0001f642",
    "\U0001d54f",
    "\r",
    "\n",
    "%",
    "&",
    "=",
    "+",
    "<",
    '"',
    "'",
    "\\",
]
BIG_NUMBERS = [0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**40]
NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",
    "\u202e\u200f",
    "\U0001f642" * 3,
    "",
    " ",
    "\r\n",
    *map(str, BIG_NUMBERS),
    "NaN",
    "-inf",
    "Infinity",
    "1e309",
    "1.5",
    "0x1F",
    " 7 ",
    "\u0663",  # an Arabic-Indic three: int() reads it
    "1_000",
    "-0",
    "<script>alert(1)</script>",
    "{{ request }}",
    "../../etc/passwd",
    "' OR 1=1 --",
]

nasty = st.sampled_from(NASTY)
random_text = st.text(st.sampled_from(AWKWARD_CHARS) | st.characters(), max_size=30)
numbers = st.one_of(st.integers(), st.floats()).map(str)
long_text = st.sampled_from(["x", "\x00", "\u202e", "\U0001f642", "<b>"]).map(lambda unit: unit * 100_001)


def weighted(*branches: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """one_of with weights (one_of draws its branches evenly); shrinks towards the first branch."""
    flat = [strategy for weight, strategy in branches for _ in range(weight)]
    return st.integers(0, len(flat) - 1).flatmap(flat.__getitem__)


junk = weighted((3, nasty), (3, random_text), (2, numbers), (1, long_text))


def with_nul(real: st.SearchStrategy) -> st.SearchStrategy:
    """A NUL byte alone or in a real value: PostgreSQL refuses it in text and jsonb, the likeliest 500."""
    return st.one_of(st.just("\x00"), real.map(lambda v: f"{v}\x00"), real.map(lambda v: f"\x00{v}"))


@dataclass(frozen=True)
class Input:
    """A form field or URL argument: its real values (the first is the visitor's own), the Hypothesis
    strategy that spoils them, and the worst values, each of which test_one_bad_input_at_a_time sends."""

    real: tuple[str, ...]
    strategy: st.SearchStrategy
    worst: tuple[str, ...]


def value(*valid, worst: tuple[str, ...] = ()) -> Input:
    """One field: a real value, one with a NUL or another odd character, junk, left out, or repeated.

    Its worst values: the first real one with a NUL byte, beyond bigint for a number, and `worst`."""
    real = st.sampled_from([str(v) for v in valid])
    spoilt = st.tuples(real, st.sampled_from(["\u202e", " ", "0", "\ud800"])).map("".join)
    one = weighted((5, real), (2, with_nul(real)), (1, spoilt), (3, junk))
    strategy = weighted((9, one), (1, st.just(MISSING)), (1, st.lists(one, min_size=2, max_size=3)))
    number = all(isinstance(v, int) for v in valid)
    return Input(tuple(map(str, valid)), strategy, (f"{valid[0]}\x00", *[str(2**64)] * number, *worst))


def an_email(*valid: str) -> Input:
    """An address field: mail goes to it, and a right-to-left mark passes EmailValidator but not IDNA."""
    return value(*valid, worst=(f"{valid[0]}\u202e",))


def _argument(valid: tuple, *odd: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """A URL argument: mostly the first (the visitor's own), sometimes another real one, else `odd`."""
    first, others = st.just(str(valid[0])), st.sampled_from([str(v) for v in valid[1:] or valid])
    return weighted((5, first), (2, others), *odd)


def an_id(*valid: int) -> Input:
    """An <int:...> URL argument: a real id (the visitor's or someone else's) or one that cannot exist."""
    absurd = st.one_of(st.sampled_from([v for v in BIG_NUMBERS if v >= 0]), st.integers(min_value=0))
    return Input(tuple(map(str, valid)), _argument(valid, (3, absurd.map(str))), worst=(str(2**64),))


def a_slug(*valid: str) -> Input:
    slugs = st.one_of(st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True), st.just("s" * 5000))
    strategy = _argument(valid, (2, slugs), (2, with_nul(st.just(valid[0]))))
    return Input(valid, strategy, worst=(f"{valid[0]}\x00",))


def a_token(*valid: str) -> Input:
    """A <str:...> URL argument: anything without a slash (reverse() percent-encodes it)."""
    path_text = st.text(st.characters(exclude_characters="/", exclude_categories=["Cs"]), min_size=1)
    tampered = st.sampled_from([*(v[:-1] for v in valid), *(v + "x" for v in valid), "..", "t" * 5000])
    strategy = _argument(valid, (2, with_nul(st.just(valid[0]))), (1, tampered), (2, path_text))
    return Input(valid, strategy, worst=(f"{valid[0]}\x00",))


def numbered(prefix: str, keys, *valid) -> dict[str, Input]:
    return {f"{prefix}{key}": value(*valid) for key in keys}


# Requests ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One fuzzed request, printed by Hypothesis when it fails."""

    method: str
    path: str
    data: list[tuple[str, str]]
    headers: dict[str, str]

    def send(self, client: Client):
        # Encoded by hand: surrogatepass lets lone surrogates through as the bytes a broken client sends.
        encoded = urlencode(
            [(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass")) for k, v in self.data]
        )
        # Redirects are followed: what a POST stored must not break the page it lands on.
        if self.method == "GET":
            return client.get(f"{self.path}?{encoded}", headers=self.headers, follow=True)
        return client.post(
            self.path,
            encoded,
            content_type="application/x-www-form-urlencoded",
            headers=self.headers,
            follow=True,
        )


def _path(name: str, kwargs: dict[str, str]) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        # A value no link of ours carries (a NUL byte for a slug): put it in the path as a client could.
        markers = {key: str(9_000_000_000 + i) for i, key in enumerate(kwargs)}
        path = reverse(name, kwargs=markers)
        for key, marker in markers.items():
            path = path.replace(marker, quote(kwargs[key], safe=""))
        return path


@dataclass(frozen=True, repr=False)
class Endpoint:
    """A row of the fuzz table: a URL name, its methods, who uses it, and its Inputs from the world."""

    name: str
    methods: tuple[str, ...]
    who: str | None  # a key of world.people, or None for an anonymous visitor
    kwargs: Callable[[SimpleNamespace], dict[str, Input]] = lambda w: {}
    fields: Callable[[SimpleNamespace], dict[str, Input]] = lambda w: {}
    label: str = ""  # tells apart two rows for one URL
    prepare: Callable[[Client, SimpleNamespace], None] | None = None  # instead of signing `who` in

    @property
    def id(self) -> str:
        return self.label or self.name

    def __repr__(self) -> str:
        return self.id

    def probes(self, world: SimpleNamespace) -> st.SearchStrategy[Probe]:
        kwarg_inputs, field_inputs = self.kwargs(world), self.fields(world)
        extra = st.dictionaries(st.text(max_size=12), junk, max_size=2)
        trigger = st.sampled_from([None, "text", "answer_design", "x\xe9"])

        @st.composite
        def build(draw):
            kwargs = {k: draw(i.strategy) for k, i in kwarg_inputs.items()}
            fields = {k: draw(i.strategy) for k, i in field_inputs.items()}
            data = []
            for key, v in {**draw(extra), **fields}.items():
                data += [(key, item) for item in (v if isinstance(v, list) else [v]) if item is not MISSING]
            headers = {}
            if draw(st.booleans()):
                headers["HX-Request"] = "true"
                if trigger_name := draw(trigger):
                    headers["HX-Trigger-Name"] = trigger_name
            if draw(st.booleans()):
                headers["Accept"] = "application/json"
            return Probe(draw(st.sampled_from(self.methods)), _path(self.name, kwargs), data, headers)

        return build()

    def one_bad_input_at_a_time(self, world: SimpleNamespace) -> list[Probe]:
        """Every real value but one, which gets each of its worst values; htmx on every other request."""
        kwarg_inputs, field_inputs = self.kwargs(world), self.fields(world)
        kwargs = {k: i.real[0] for k, i in kwarg_inputs.items()}
        fields = {k: i.real[0] for k, i in field_inputs.items()}
        changes = [({}, {})]
        changes += [({k: bad}, {}) for k, i in kwarg_inputs.items() for bad in i.worst]
        changes += [({}, {k: bad}) for k, i in field_inputs.items() for bad in i.worst]
        return [
            Probe(
                method,
                _path(self.name, {**kwargs, **kwarg_change}),
                list({**fields, **field_change}.items()),
                {"HX-Request": "true", "Accept": "application/json"} if n % 2 else {},
            )
            for method in self.methods
            for n, (kwarg_change, field_change) in enumerate(changes)
        ]


# URL arguments: the visitor's own object, one they may see, or someone else's.
def _attempt(w):
    return {"pk": an_id(w.attempt.pk, w.finished_attempt.pk, w.others_attempt.pk)}


def _mock(w):
    return {"pk": an_id(w.live_mock.pk, w.done_mock.pk, w.open_mock.pk)}


def _team(w):
    return {"pk": an_id(w.team.pk, w.others_team.pk)}


def _level(w):
    return {"level": value("L6", "L7")}


def _profile(w):
    next_year = timezone.localdate() + datetime.timedelta(days=365)
    return {
        "version": value(w.people["owner"].profile_version, 0, 2),
        "display_name": value("Bob", " spaced   out "),
        "target_level": value("L6", "L7"),
        "interview_date": value(next_year, "2001-01-01", "9999-12-31"),
        "time_zone": value("Europe/London", "UTC", "Not/AZone", "localtime"),
    }


def _when():
    soon, later = (timezone.now() + datetime.timedelta(days=d) for d in (2, 400))
    edges = ("0001-01-01T00:00", "9999-12-31T23:59")
    return value(*(t.strftime("%Y-%m-%dT%H:%M") for t in (soon, later)), *edges, worst=edges)


def _sections(w):
    return numbered("answer_", [k for k, _ in ANSWER_SECTIONS], "## Design\n\nA *queue*.")


def _dimensions(level) -> list[str]:
    return list(RubricDimension.objects.filter(levels=level).values_list("slug", flat=True))


def _signed_in_recently(client: Client, world: SimpleNamespace, who: str = "owner") -> None:
    """Signed in with a recent password check, as allauth asks before MFA changes."""
    owner = world.people[who]
    client.force_login(owner)
    request = SimpleNamespace(session=client.session, user=owner)
    record_authentication(request, owner, method="password")
    request.session.save()


def _mfa_signed_in_recently(client: Client, world: SimpleNamespace) -> None:
    """The user with an authenticator app and recovery codes, signed in with a recent check."""
    _signed_in_recently(client, world, who="mfa")


def _mfa_code_asked(client: Client, world: SimpleNamespace) -> None:
    """Half signed in: the password was right and allauth now asks for the authenticator's code."""
    response = client.post(
        reverse("account_login"), {"login": world.people["mfa"].email, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"), response


def _reset_link_opened(client: Client, world: SimpleNamespace) -> None:
    """The emailed reset link was opened: allauth keeps its key in the session and asks for a password."""
    client.get(reverse("account_reset_password_from_key", kwargs=world.reset_kwargs))


ENDPOINTS = [
    # Library and search: filters live in the URL.
    Endpoint(
        "casestudies:library",
        ("GET",),
        "owner",
        fields=lambda w: {
            "category": value(*Category.objects.values_list("slug", flat=True)),
            "level": value("L6", "L7"),
            "group": value(*CaseStudy.Group.values),
        },
    ),
    Endpoint("casestudies:detail", ("GET",), "owner", kwargs=lambda w: {"slug": a_slug(w.case_study.slug)}),
    Endpoint("search", ("GET",), "owner", fields=lambda w: {"q": value("kafka", "design", "a" * 201)}),
    Endpoint(
        "progress:toggle_studied",
        ("POST",),
        "owner",
        kwargs=lambda w: {"section_id": an_id(w.section.pk)},
        fields=lambda w: {"on": value("on", "true", "1", "false")},
    ),
    Endpoint(
        "progress:toggle_bookmark",
        ("POST",),
        "owner",
        kwargs=lambda w: {"slug": a_slug(w.case_study.slug)},
        fields=lambda w: {"on": value("on", "false")},
    ),
    Endpoint(
        "progress:save_note",
        ("POST",),
        "owner",
        kwargs=lambda w: {"slug": a_slug(w.case_study.slug)},
        fields=lambda w: {"body": value("my *note*"), "version": value(0, 1, 2)},
    ),
    Endpoint("dashboard:level", ("GET",), "owner", kwargs=lambda w: {"level_code": a_token("L6", "L7")}),
    # Solo practice.
    Endpoint(
        "interviews:bank",
        ("GET",),
        "owner",
        fields=lambda w: {
            "level": value("L6", "L7"),
            "category": value(*Category.objects.values_list("slug", flat=True)),
            "kind": value(*Question.Kind.values),
            "case_study": value(w.case_study.slug),
            "status": value("new", "practised", "due"),
        },
    ),
    Endpoint(
        "interviews:preview",
        ("POST",),
        "owner",
        fields=lambda w: {"text": value("# Title\n\n```mermaid\ngraph TD; A-->B\n```"), **_sections(w)},
    ),
    Endpoint("interviews:question", ("GET",), "owner", kwargs=lambda w: {"slug": a_slug(w.question.slug)}),
    Endpoint("interviews:start", ("POST",), "owner", kwargs=lambda w: {"slug": a_slug(w.question.slug)}),
    Endpoint(
        "interviews:attempt",
        ("GET",),
        "owner",
        kwargs=_attempt,
    ),
    Endpoint(
        "interviews:save",
        ("POST",),
        "owner",
        kwargs=_attempt,
        fields=lambda w: {"version": value(w.attempt.version, 0, w.attempt.version + 1), **_sections(w)},
    ),
    Endpoint(
        "interviews:timer",
        ("POST",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.attempt.pk, w.finished_attempt.pk)},
        fields=lambda w: {"action": value("pause", "resume")},
    ),
    Endpoint(
        "interviews:hint",
        ("POST",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.attempt.pk, w.finished_attempt.pk)},
    ),
    Endpoint(
        "interviews:finish",
        ("POST",),
        "owner",
        kwargs=_attempt,
        fields=lambda w: {
            "covered": value(*w.checklist, w.others_checklist_item),
            **numbered("score_", _dimensions(w.attempt.level), 1, 2, 3, 4),
        },
    ),
    Endpoint(
        "interviews:result",
        ("GET",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.finished_attempt.pk, w.attempt.pk, w.others_attempt.pk)},
    ),
    # Peer mocks.
    Endpoint(
        "interviews:mock_new",
        ("POST",),
        "owner",
        fields=lambda w: {
            "level": value("L6", "L7"),
            "question": value(w.question.slug, w.l7_question.slug),
            "duration": value(45, 60),
            "role": value("interviewer", "candidate"),
            "scheduled_at": _when(),
            "call_link": value(
                "https://meet.example.com/abc",
                "javascript:alert(1)",
                "https://[::1",
                f"https://{'a' * 300}.com",
            ),
            "teammate": value(w.people["manager"].pk, w.people["outsider"].pk),
        },
    ),
    Endpoint(
        "interviews:slots",
        ("POST",),
        "owner",
        fields=lambda w: {
            "kind": value("interview", "be_interviewed"),
            "level": value("L6", "L7"),
            "starts_at": _when(),
            "duration": value(45, 60),
        },
    ),
    Endpoint(
        "interviews:slot_book",
        ("POST",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.others_slot.pk, w.slot.pk)},
    ),
    Endpoint(
        "interviews:slot_withdraw",
        ("POST",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.slot.pk, w.others_slot.pk)},
    ),
    Endpoint(
        "interviews:invite", ("GET", "POST"), "outsider", kwargs=lambda w: {"token": a_token(w.mock_token)}
    ),
    Endpoint(
        "interviews:mock",
        ("GET",),
        "owner",
        kwargs=_mock,
    ),
    Endpoint(
        "interviews:mock_action",
        ("POST",),
        "interviewer",
        kwargs=_mock,
        fields=lambda w: {"action": value(*TRANSITIONS)},
    ),
    Endpoint(
        "interviews:scratchpad",
        ("POST",),
        "owner",
        kwargs=_mock,
        fields=lambda w: {"version": value(w.live_mock.scratchpad_version, 0), **_sections(w)},
    ),
    Endpoint(
        "interviews:notes",
        ("POST",),
        "interviewer",
        kwargs=lambda w: {"pk": an_id(w.live_mock.pk, w.done_mock.pk)},
        fields=lambda w: {
            "version": value(w.live_mock.notes_version, 0),
            "notes": value("strong on caching"),
        },
    ),
    Endpoint(
        "interviews:scorecard",
        ("POST",),
        "interviewer",
        label="interviews:scorecard (the interviewer's draft)",
        kwargs=lambda w: {"pk": an_id(w.done_mock.pk, w.live_mock.pk, w.rated_mock.pk)},
        fields=lambda w: {
            "version": value(w.done_mock.scorecard.version, 0),
            "signal": value("strong_no_hire", "no_hire", "hire", "strong_hire", ""),
            "feedback": value("Clear trade-offs."),
            "submit": value("1"),
            **numbered("score_", _dimensions(w.level), 1, 2, 3, 4, "", "na"),
            **numbered("evidence_", _dimensions(w.level), "drew the queue"),
        },
    ),
    Endpoint(
        "interviews:scorecard",
        ("POST",),
        "owner",
        label="interviews:scorecard (the candidate's rating)",
        kwargs=lambda w: {"pk": an_id(w.rated_mock.pk, w.done_mock.pk)},
        fields=lambda w: {"usefulness": value(1, 2, 3, 4, 5), "comment": value("Useful, thanks.")},
    ),
    Endpoint(
        "interviews:mock_events",
        ("GET",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.live_mock.pk, w.open_mock.pk)},
        fields=lambda w: {"after": value(0, w.last_event)},
    ),
    Endpoint(
        "interviews:mock_calendar",
        ("GET",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.live_mock.pk, w.open_mock.pk)},
    ),
    Endpoint(
        "interviews:mock_swap",
        ("POST",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.done_mock.pk, w.live_mock.pk, w.open_mock.pk)},
    ),
    Endpoint(
        "interviews:mock_replay",
        ("GET",),
        "owner",
        kwargs=lambda w: {"pk": an_id(w.done_mock.pk, w.live_mock.pk, w.open_mock.pk)},
    ),
    # Teams: the manager's reports take the level from the query string.
    Endpoint(
        "team_reports:team",
        ("GET",),
        "manager",
        kwargs=_team,
        fields=_level,
    ),
    Endpoint(
        "team_reports:member",
        ("GET",),
        "manager",
        kwargs=lambda w: {
            **_team(w),
            "user_id": an_id(*(u.pk for u in w.people.values())),
        },
        fields=_level,
    ),
    Endpoint(
        "team_reports:export",
        ("GET",),
        "manager",
        kwargs=_team,
        fields=_level,
    ),
    Endpoint("team_reports:visibility", ("GET",), "owner", fields=_level),
    Endpoint("teams:create", ("POST",), "manager", fields=lambda w: {"name": value("Search infra", "   ")}),
    Endpoint(
        "teams:join",
        ("GET", "POST"),
        "outsider",
        kwargs=lambda w: {"token": a_token(w.team_token, w.others_team_token)},
    ),
    Endpoint("teams:manage", ("GET",), "owner", kwargs=_team),
    Endpoint(
        "teams:invite_create",
        ("POST",),
        "manager",
        kwargs=_team,
        fields=lambda w: {
            "email": an_email("new@example.com", w.people["owner"].email, ""),
            "role": value("member", "manager"),
            "days": value(1, 7, 14, 30),
        },
    ),
    Endpoint(
        "teams:invite_revoke",
        ("POST",),
        "manager",
        kwargs=lambda w: {
            **_team(w),
            "invite_id": an_id(w.team_invite.pk, w.others_team_invite.pk),
        },
    ),
    Endpoint(
        "teams:member_remove",
        ("POST",),
        "manager",
        kwargs=lambda w: {
            **_team(w),
            "user_id": an_id(*(u.pk for u in w.people.values())),
        },
    ),
    Endpoint(
        "teams:member_role",
        ("POST",),
        "manager",
        kwargs=lambda w: {
            **_team(w),
            "user_id": an_id(*(u.pk for u in w.people.values())),
        },
        fields=lambda w: {"role": value("member", "manager")},
    ),
    Endpoint("teams:leave", ("POST",), "owner", kwargs=_team),
    Endpoint("profile:edit", ("POST",), "owner", fields=_profile),
    # allauth's forms, as this project configures them.
    Endpoint(
        "account_login",
        ("POST",),
        None,
        fields=lambda w: {
            "login": an_email(w.people["owner"].email),
            "password": value(PASSWORD),
            "remember": value("on"),
        },
    ),
    Endpoint(
        "account_signup",
        ("POST",),
        None,
        fields=lambda w: {
            "email": an_email("new@example.com", w.people["owner"].email),
            "password1": value("a-long-passphrase-1"),
            "password2": value("a-long-passphrase-1"),
        },
    ),
    Endpoint(
        "account_reset_password",
        ("POST",),
        None,
        fields=lambda w: {"email": an_email(w.people["owner"].email, "nobody@example.com")},
    ),
    Endpoint(
        "account_reset_password_from_key",
        ("GET", "POST"),
        None,
        prepare=_reset_link_opened,
        kwargs=lambda w: {
            "uidb36": an_id(w.reset_kwargs["uidb36"]),
            "key": a_token("set-password", w.reset_kwargs["key"]),
        },
        fields=lambda w: {
            "password1": value("a-new-passphrase-2"),
            "password2": value("a-new-passphrase-2"),
        },
    ),
    Endpoint(
        "account_confirm_email",
        ("GET", "POST"),
        None,
        kwargs=lambda w: {"key": a_token(w.confirm_key)},
    ),
    Endpoint(
        "account_change_password",
        ("POST",),
        "owner",
        fields=lambda w: {
            "oldpassword": value(PASSWORD),
            "password1": value("a-new-passphrase-2"),
            "password2": value("a-new-passphrase-2"),
        },
    ),
    Endpoint(
        "account_email",
        ("POST",),
        "owner",
        fields=lambda w: {
            "email": an_email("second@example.com", w.people["owner"].email, w.people["outsider"].email),
            "action_add": value(""),
            "action_send": value(""),
            "action_remove": value(""),
            "action_primary": value(""),
        },
    ),
    Endpoint("account_reauthenticate", ("POST",), "owner", fields=lambda w: {"password": value(PASSWORD)}),
    Endpoint(
        "mfa_activate_totp",
        ("POST",),
        "owner",
        prepare=_signed_in_recently,
        fields=lambda w: {"code": value("123456", "000000")},
    ),
    Endpoint(
        "mfa_authenticate",
        ("POST",),
        None,
        prepare=_mfa_code_asked,
        fields=lambda w: {"code": value("000000", w.recovery_code, "12345678901234567890")},
    ),
    Endpoint(
        "mfa_reauthenticate",
        ("POST",),
        "mfa",
        fields=lambda w: {"code": value("000000", w.recovery_code)},
    ),
    Endpoint("mfa_deactivate_totp", ("POST",), None, prepare=_mfa_signed_in_recently),
    Endpoint("mfa_generate_recovery_codes", ("POST",), None, prepare=_mfa_signed_in_recently),
    Endpoint("mfa_view_recovery_codes", ("GET",), None, prepare=_mfa_signed_in_recently),
    Endpoint("mfa_download_recovery_codes", ("GET",), None, prepare=_mfa_signed_in_recently),
    Endpoint(
        "account_logout", ("POST",), "owner", fields=lambda w: {"next": value("/library/", "//evil.test/")}
    ),
    Endpoint(
        "account_set_password",
        ("POST",),
        "owner",
        fields=lambda w: {"password1": value("a-new-passphrase-2"), "password2": value("a-new-passphrase-2")},
    ),
    Endpoint("account_confirm_login_code", ("POST",), None, fields=lambda w: {"code": value("ABC123")}),
    Endpoint("usersessions_list", ("POST",), "owner"),
]

# Project URLs that take no input worth fuzzing, and why. allauth's own URLs are covered by the rows
# above for the forms a user fills and the MFA steps; Django's admin is not fuzzed.
NOT_FUZZED = {
    "home": "a page without input",
    "healthz": "no input: it only asks the database",
    "hello": "the benchmark's ceiling: no input",
    "<unnamed favicon.ico>": "a redirect to a static file",
    "interviews:reviews": "a list without input",
    "interviews:mocks": "a list without input",
    "interviews:attempt_board": "JSON body; covered by tests/interviews/test_board.py",
    "interviews:mock_board": "JSON body; covered by tests/interviews/test_board.py",
    "interviews:mock_stream": "an endless event stream; its one input (after) is parsed as in mock_events",
    "dashboard:home": "a redirect to the default level",
    "teams:list": "a list without input; its form posts to teams:create",
}


# The world --------------------------------------------------------------------------------------


class World(SimpleNamespace):
    def __repr__(self) -> str:  # Hypothesis prints the test's arguments with every failure
        return "<the fuzz world>"


def _extend(world: SimpleNamespace) -> World:
    """What the authorization matrix's world lacks: a submitted scorecard, other people's objects,
    the secrets of the links allauth emails."""
    owner, outsider, interviewer = world.people["owner"], world.people["outsider"], world.interviewer
    # West of UTC, where a far-future local time is already past year 9999 in UTC.
    owner.time_zone = "America/Los_Angeles"
    owner.save(update_fields=["time_zone"])
    level = world.level
    world.l7_question = Question.objects.filter(levels__code="L7").exclude(levels=level).first()
    world.others_attempt = practice_services.attempt_start(user=outsider, question=world.question)
    world.checklist = list(
        ChecklistItem.objects.filter(question=world.question, level=level).values_list("pk", flat=True)
    )
    world.others_checklist_item = (
        ChecklistItem.objects.exclude(question=world.question).values_list("pk", flat=True).first()
    )
    rated, _ = scheduled_mock(interviewer=interviewer, candidate=owner)
    for action in ("start", "end"):
        mock_services.mock_transition(mock=rated, user=interviewer, action=action)
    scorecard_services.scorecard_save(
        mock=rated,
        user=interviewer,
        ratings={slug: {"score": 3, "evidence": ""} for slug in _dimensions(level)},
        signal="hire",
        feedback="Solid.",
        version=1,
        submit=True,
    )
    world.rated_mock = rated
    world.done_mock.refresh_from_db()
    world.last_event = MockEvent.objects.filter(mock=world.live_mock).order_by("-pk").first().pk
    world.others_team = team_with(manager=outsider, name="Elsewhere")
    world.others_team_invite = team_services.invite_create(team=world.others_team, by=outsider)
    world.others_team_token = team_services.invite_token(world.others_team_invite)
    world.reset_kwargs = {
        "uidb36": user_pk_to_url_str(owner),
        "key": default_token_generator.make_token(owner),
    }
    unverified = UserFactory(email="erin@example.com", verified=False)
    world.confirm_key = EmailConfirmationHMAC(EmailAddress.objects.get(user=unverified)).key
    world.people["interviewer"] = interviewer
    mfa = UserFactory(email="mia@example.com")
    TOTP.activate(mfa, generate_totp_secret())
    world.recovery_code = RecoveryCodes.activate(mfa).get_unused_codes()[0]
    world.people["mfa"] = mfa
    return World(**vars(world))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back at its end, as Django's setUpTestData
    does: importing the content alone takes seconds, too long to repeat for each of the rows."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            for order, code in enumerate(("L6", "L7")):
                Level.objects.get_or_create(code=code, defaults={"name": code, "order": order})
            call_command("load_content", stdout=io.StringIO())
            built = _extend(build_world())
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def visitor(endpoint: Endpoint, world, client) -> Client:
    if endpoint.prepare:
        endpoint.prepare(client, world)
    elif endpoint.who:
        client.force_login(world.people[endpoint.who])
    return client


# Tests ------------------------------------------------------------------------------------------


def _send_alone(client: Client, probe: Probe):
    """Send in a savepoint that is rolled back, then put the session back: the world is as it was.

    What would run on commit (emails) runs too, as it would inside the request in production."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = probe.send(client)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
@FUZZ
@given(data=st.data())
def test_no_input_gets_a_500(endpoint, world, visitor, data):
    probe = data.draw(endpoint.probes(world), label="request")
    response = _send_alone(visitor, probe)
    assert response.status_code < 500, f"{probe.method} {probe.path} answered {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_one_bad_input_at_a_time(endpoint, world, visitor):
    """Random search may miss the one field that breaks; this sends each field's worst values for sure."""
    failures = []
    for probe in endpoint.one_bad_input_at_a_time(world):
        try:
            status = _send_alone(visitor, probe).status_code
        except Exception as exc:  # collected: every failing input is listed at once
            status = repr(exc)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{probe.method} {probe.path} {probe.data!r}: {status}")
    assert not failures, "\n".join(failures)


def _project_urls():
    """Every URL name of the project's own apps (unnamed ones by their pattern): not admin, not allauth."""

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver) and p.namespace == "admin":
                continue
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, [namespace, p.namespace]))
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif not p.lookup_str.startswith("allauth."):
                name = ":".join(filter(None, [namespace, p.name]))
                yield name if p.name else f"<unnamed {prefix}{p.pattern}>"

    return set(walk(get_resolver().url_patterns, "", ""))


def test_every_url_is_fuzzed_or_says_why_not():
    fuzzed = {e.name for e in ENDPOINTS}
    urls = _project_urls()
    missing = sorted(urls - fuzzed - set(NOT_FUZZED))
    assert not missing, (
        f"{missing} not fuzzed: add a row to ENDPOINTS in tests/security/test_fuzz.py "
        "(or a reason to NOT_FUZZED there)"
    )
    assert not set(NOT_FUZZED) - urls, "NOT_FUZZED names a URL that no longer exists"
    assert not set(NOT_FUZZED) & fuzzed
