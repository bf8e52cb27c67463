"""The XSS gate: every payload of tests/data/xss_payloads.txt goes through each place user text is stored
(through the real endpoint, as the owner) and comes back out of every page that shows it.

For each payload: the stored field equals what was sent; each rendered fragment (markdown previews, the
live-sync events, replay frames) passes `assert_safe_html`; each page adds no unsafe tag to the same page
showing harmless text; text shown in a form field reads back exactly as typed. To keep the run short,
payloads share a request where that changes nothing: one an answer section, one a teammate, and chunks
of them where text is only ever shown escaped (never rendered as markdown).
"""

import csv
import datetime
import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from casestudies.models import CaseStudy, Level, Question
from interviews.models import ANSWER_SECTIONS, Mock, Scorecard
from interviews.selectors import rubric_for_question
from interviews.services import mocks as mock_services
from interviews.services import practice as practice_services
from interviews.services import scorecards as scorecard_services
from progress.models import Note
from sdprep.markdown import render_user_markdown
from tests.factories.accounts import UserFactory
from tests.factories.interviews import scheduled_mock
from tests.factories.teams import team_with
from tests.helpers import assert_page_adds_nothing_unsafe, assert_safe_html, xss_payloads

PAYLOADS = xss_payloads()
SECTIONS = [key for key, _label in ANSWER_SECTIONS]
HTMX = {"HX-Request": "true"}
AS_JSON = {"Accept": "application/json"}
HARMLESS = "Partition on the user id"
CHUNK = 20  # payloads a save, where the text is shown escaped and never rendered
FORM_CONTROLS = re.compile(r"<(form|input|button|select|textarea|option)\b", re.I)
# OWASP's CSV injection list: a cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def shipped_content(django_db_setup, django_db_blocker):
    """The shipped content, imported once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Browser tests flush the tables a data migration filled: the levels may be gone.
        Level.objects.get_or_create(code="L6", defaults={"name": "L6", "order": 0})
        Level.objects.get_or_create(code="L7", defaults={"name": "L7", "order": 1})
        call_command("load_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def client_alice(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def batches(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def sections_data(version: int, texts: list[str]) -> dict:
    """The form of an answer or a scratchpad: one text a section, in order, the rest left empty."""
    texts = [*texts, *[""] * (len(SECTIONS) - len(texts))]
    return {"version": version, **{f"answer_{key}": text for key, text in zip(SECTIONS, texts, strict=True)}}


def live_mock(interviewer, candidate) -> Mock:
    mock, _invite = scheduled_mock(interviewer=interviewer, candidate=candidate)
    return mock_services.mock_transition(mock=mock, user=interviewer, action="start")


def ended_mock(interviewer, candidate) -> Mock:
    return mock_services.mock_transition(
        mock=live_mock(interviewer, candidate), user=interviewer, action="end"
    )


class Outputs:
    """Checks what the app sends back, and counts it, so a check that silently found nothing fails."""

    def __init__(self):
        self.count = 0

    def fragment(self, fragment: str) -> None:
        """Rendered user markdown: safe, and no form control that could join the form around a preview."""
        assert_safe_html(fragment)
        assert not FORM_CONTROLS.search(fragment), fragment
        self.count += 1

    def page(self, response, baseline: str, shown: int = 1, status: int = 200) -> str:
        """A page showing `shown` payloads, checked against `baseline`, the same page with harmless text."""
        assert response.status_code == status, response.content[:500]
        page = response.content.decode()
        assert_page_adds_nothing_unsafe(page, baseline)
        self.count += shown
        return page


def text_of(page: str, element_id: str) -> str:
    """What a <textarea> or <input> holds, as the browser reads it."""
    tag = re.search(rf'<(textarea|input)\b[^>]*\bid="{element_id}"[^>]*>', page)
    assert tag, f"no #{element_id} on the page"
    if tag[1] == "input":
        value = re.search(r'\bvalue="([^"]*)"', tag[0])
        return html.unescape(value[1]) if value else ""
    text = html.unescape(page[tag.end() : page.index("</textarea>", tag.end())])
    return text.removeprefix("\n")  # the parser drops one newline after <textarea>


def test_case_study_notes(client_bob, bob, shipped_content):
    case_study = CaseStudy.objects.order_by("number").first()
    page_url = reverse("casestudies:detail", args=[case_study.slug])
    save_url = reverse("progress:save_note", args=[case_study.slug])
    client_bob.post(save_url, {"body": HARMLESS, "version": 0})
    baseline = client_bob.get(page_url).content.decode()
    outputs = Outputs()
    for version, payload in enumerate(PAYLOADS, start=1):
        response = client_bob.post(save_url, {"body": payload, "version": version}, headers=AS_JSON)
        assert response.status_code == 200, (payload, response.content)
        assert Note.objects.get(user=bob, case_study=case_study).body == payload
        outputs.fragment(response.json()["html"])  # the preview autosave puts in place
        page = outputs.page(client_bob.get(page_url), baseline)
        assert text_of(page, "note-body") == payload
        assert render_user_markdown(payload) in page
    assert outputs.count == 2 * len(PAYLOADS)


def test_practice_answers(client_bob, bob, shipped_content):
    question = Question.objects.filter(levels__code="L6").order_by("slug").first()

    def answer(texts):
        """Save `texts` (one a section) in a new attempt through the autosave endpoint."""
        attempt = practice_services.attempt_start(user=bob, question=question)
        data = sections_data(attempt.version, texts)
        response = client_bob.post(reverse("interviews:save", args=[attempt.pk]), data, headers=AS_JSON)
        assert response.status_code == 200, (texts, response.content)
        attempt.refresh_from_db()
        assert attempt.answer == {key: data[f"answer_{key}"] for key in SECTIONS}
        return attempt

    def finish(attempt):
        practice_services.attempt_finish(attempt=attempt, checked=[], ratings={})
        return client_bob.get(reverse("interviews:result", args=[attempt.pk]))

    harmless = answer([HARMLESS] * len(SECTIONS))
    baseline = client_bob.get(harmless.get_absolute_url()).content.decode()
    result_baseline = finish(harmless).content.decode()
    outputs = Outputs()
    for batch in batches(PAYLOADS, len(SECTIONS)):
        attempt = answer(batch)
        page = outputs.page(client_bob.get(attempt.get_absolute_url()), baseline, shown=len(batch))
        for key, payload in zip(SECTIONS, batch, strict=False):
            assert text_of(page, f"answer_{key}") == payload
            assert render_user_markdown(payload) in page
        page = outputs.page(finish(attempt), result_baseline, shown=len(batch))
        for payload in batch:
            assert render_user_markdown(payload) in page
    for payload in PAYLOADS:  # the live preview beside each section, an htmx fragment
        response = client_bob.post(
            reverse("interviews:preview"),
            {"answer_design": payload},
            headers={**HTMX, "HX-Trigger-Name": "answer_design"},
        )
        assert response.status_code == 200
        outputs.fragment(response.content.decode())
    assert outputs.count == 3 * len(PAYLOADS)


def replay_frames(page: str) -> list[dict]:
    data = re.search(r'<script id="replay-frames" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(data[1])


def test_mock_scratchpad(client_bob, client_alice, alice, bob, shipped_content):
    def save(mock, texts):
        data = sections_data(mock.scratchpad_version, texts)
        response = client_bob.post(reverse("interviews:scratchpad", args=[mock.pk]), data, headers=AS_JSON)
        assert response.status_code == 200, (texts, response.content)
        mock.refresh_from_db()
        assert mock.scratchpad == {key: data[f"answer_{key}"] for key in SECTIONS}

    both = (client_bob, client_alice)  # the candidate (editor and previews), the interviewer (a view)
    harmless = live_mock(alice, bob)
    save(harmless, [HARMLESS] * len(SECTIONS))
    room = {client: client.get(harmless.get_absolute_url()).content.decode() for client in both}
    mock_services.mock_transition(mock=harmless, user=alice, action="end")
    replay_url = reverse("interviews:mock_replay", args=[harmless.pk])
    replay = {client: client.get(replay_url).content.decode() for client in both}

    mock = live_mock(alice, bob)
    outputs = Outputs()
    for batch in batches(PAYLOADS, len(SECTIONS)):
        save(mock, batch)
        for client in both:
            page = outputs.page(client.get(mock.get_absolute_url()), room[client], shown=len(batch))
            for key, payload in zip(SECTIONS, batch, strict=False):
                assert render_user_markdown(payload) in page
                if client is client_bob:
                    assert text_of(page, f"answer_{key}") == payload
    # The interviewer's room follows the scratchpad live: room.js puts each event's HTML in the page.
    events_url = reverse("interviews:mock_events", args=[mock.pk])
    for event in client_alice.get(events_url, {"after": 0}).json()["events"]:
        for fragment in event["payload"].get("html", {}).values():
            if fragment:
                outputs.fragment(fragment)

    mock_services.mock_transition(mock=mock, user=alice, action="end")
    replay_url = reverse("interviews:mock_replay", args=[mock.pk])
    for client in both:  # replay.js puts each frame's HTML in the page
        page = outputs.page(client.get(replay_url), replay[client], shown=0)
        for frame in replay_frames(page):
            for fragment in frame["html"].values():
                if fragment:
                    outputs.fragment(fragment)
    rendered = sum(1 for payload in PAYLOADS if render_user_markdown(payload))
    assert outputs.count == 2 * len(PAYLOADS) + 3 * rendered


def test_interviewer_notes(client_alice, alice, bob, shipped_content):
    """Plain text in a <textarea>: escaping does not depend on what is around a payload, so each save
    carries a chunk of them."""
    mock = live_mock(alice, bob)
    url = reverse("interviews:notes", args=[mock.pk])
    client_alice.post(url, {"notes": HARMLESS, "version": 0}, headers=AS_JSON)
    baseline = client_alice.get(mock.get_absolute_url()).content.decode()
    outputs = Outputs()
    for version, chunk in enumerate(batches(PAYLOADS, CHUNK), start=1):
        notes = "\n".join(chunk)
        response = client_alice.post(url, {"notes": notes, "version": version}, headers=AS_JSON)
        assert response.status_code == 200, (notes, response.content)
        mock.refresh_from_db()
        assert mock.interviewer_notes == notes
        page = outputs.page(client_alice.get(mock.get_absolute_url()), baseline, shown=len(chunk))
        assert text_of(page, "interviewer-notes") == notes
    assert outputs.count == len(PAYLOADS)


def test_scorecard_evidence_and_feedback(client_bob, client_alice, alice, bob, shipped_content):
    level = Level.objects.get(code="L6")
    question = Question.objects.filter(levels=level).order_by("slug").first()  # what scheduled_mock picks
    dimensions = rubric_for_question(question, level)
    assert dimensions

    def score(texts):
        """Draft a scorecard (feedback, then evidence for each dimension) as autosave does, then submit it.
        Returns the interviewer's draft page and the submitted scorecard's URL."""
        mock = ended_mock(alice, bob)
        url = reverse("interviews:scorecard", args=[mock.pk])
        feedback, *evidence = texts
        data = {"version": mock.scorecard.version, "signal": "hire", "feedback": feedback}
        for dimension, text in zip(dimensions, [*evidence, *[""] * len(dimensions)], strict=False):
            data.update({f"score_{dimension.slug}": 2, f"evidence_{dimension.slug}": text})
        response = client_alice.post(url, data, headers=AS_JSON)
        assert response.status_code == 200, (texts, response.content)
        card = Scorecard.objects.get(mock=mock)
        assert card.feedback == feedback
        stored = {slug: rating["evidence"] for slug, rating in card.ratings.items()}
        assert stored == {d.slug: data[f"evidence_{d.slug}"] for d in dimensions}
        draft = client_alice.get(url)
        data.update(version=card.version, submit="1")
        assert client_alice.post(url, data).status_code == 302
        assert Scorecard.objects.get(mock=mock).submitted_at is not None
        return draft, url

    draft, url = score([HARMLESS] * (len(dimensions) + 1))
    baseline = {"draft": draft.content.decode()}
    baseline.update({client: client.get(url).content.decode() for client in (client_bob, client_alice)})
    outputs = Outputs()
    for batch in batches(PAYLOADS, len(dimensions) + 1):
        draft, url = score(batch)
        page = outputs.page(draft, baseline["draft"], shown=len(batch))
        assert text_of(page, "id_feedback") == batch[0]
        for dimension, payload in zip(dimensions, batch[1:], strict=False):
            assert text_of(page, f"id_evidence_{dimension.slug}") == payload
        for client in (client_bob, client_alice):  # the candidate reads it; the interviewer too
            page = outputs.page(client.get(url), baseline[client], shown=len(batch))
            assert render_user_markdown(batch[0]) in page
            for payload in batch[1:]:
                assert f'<p class="evidence">{escape(payload)}</p>' in page
    assert outputs.count == 3 * len(PAYLOADS)


def test_rating_comment_on_the_feedback(client_bob, client_alice, alice, bob, shipped_content):
    """The candidate's comment on the feedback: plain text, so in chunks as the interviewer's notes."""
    mock = ended_mock(alice, bob)
    card = scorecard_services.scorecard_save(
        mock=mock,
        user=alice,
        ratings={d.slug: {"score": 2} for d in rubric_for_question(mock.question, mock.level)},
        signal="hire",
        feedback=HARMLESS,
        version=mock.scorecard.version,
        submit=True,
    )
    url = reverse("interviews:scorecard", args=[mock.pk])
    client_bob.post(url, {"usefulness": 4, "comment": HARMLESS})
    baseline = {client: client.get(url).content.decode() for client in (client_bob, client_alice)}
    outputs = Outputs()
    for chunk in batches(PAYLOADS, CHUNK):
        comment = "\n".join(chunk)
        response = client_bob.post(url, {"usefulness": 4, "comment": comment})
        assert response.status_code == 302, (comment, response.content)
        card.refresh_from_db()
        assert card.usefulness_comment == comment
        page = outputs.page(client_bob.get(url), baseline[client_bob], shown=len(chunk))
        assert text_of(page, "id_comment") == comment
        page = outputs.page(client_alice.get(url), baseline[client_alice], shown=len(chunk))
        assert f"“{escape(comment)}”" in page
    assert outputs.count == 2 * len(PAYLOADS)


def test_display_names(client, client_alice, alice, shipped_content):
    """Each payload is one teammate's display name. Teammates sit in a ring of mocks, each interviewing
    the next: each one's room shows their own name in the navigation and the peer's on the no-show
    button. The manager's team page, people page and CSV export show all the names at once."""
    people = [UserFactory(display_name=f"Teammate {i}") for i in range(len(PAYLOADS))]
    team = team_with(manager=alice, members=people)
    question = Question.objects.filter(levels__code="L6").order_by("slug").first()
    rooms = [  # rooms[i]: people[i - 1] interviews people[i], and should have started 20 minutes ago
        mock_services.mock_create(
            user=people[i - 1],
            question=question,
            level=question.levels.get(code="L6"),
            role="interviewer",
            scheduled_at=timezone.now() - datetime.timedelta(minutes=20),
            partner=person,
        )[0].get_absolute_url()
        for i, person in enumerate(people)
    ]
    manager_pages = {
        "team": reverse("team_reports:team", args=[team.pk]),
        "people": reverse("teams:manage", args=[team.pk]),
    }
    baseline = {name: client_alice.get(url).content.decode() for name, url in manager_pages.items()}
    client.force_login(people[0])
    baseline["room"] = client.get(rooms[0]).content.decode()
    baseline["profile"] = client.get(reverse("profile:edit")).content.decode()
    outputs = Outputs()

    def room(i):
        """The room of people[i] with the one before: as people[i] sees it, both names renamed by now."""
        person, peer = people[i], people[i - 1]
        shown = sum(1 for who in (person, peer) if not who.display_name.startswith("Teammate"))
        page = outputs.page(client.get(rooms[i]), baseline["room"], shown=shown)
        assert f'title="Your profile">{escape(person.name)}</a>' in page
        assert f"Mark {escape(peer.name)} as a no-show" in page

    for i, (person, payload) in enumerate(zip(people, PAYLOADS, strict=True)):
        client.force_login(person)
        data = {"display_name": payload, "version": person.profile_version, "time_zone": "Europe/London"}
        response = client.post(reverse("profile:edit"), data)
        person.refresh_from_db()
        if len(payload) > 80:  # refused: the form again, with what was typed and a clear message
            assert person.display_name == f"Teammate {i}"
            page = outputs.page(response, baseline["profile"], status=422)
            assert "at most 80 characters" in page
            assert text_of(page, "id_display_name") == payload
        else:
            assert response.status_code == 302, (payload, response.content[:500])
            # Runs of whitespace become one space: the one change made to a name, by design.
            assert person.display_name == " ".join(payload.split())
        if i > 0:
            room(i)
    client.force_login(people[0])
    room(0)  # the last one is renamed now too

    shown = [person for person in people if not person.display_name.startswith("Teammate")]
    for name, url in manager_pages.items():
        page = outputs.page(client_alice.get(url), baseline[name], shown=len(shown))
        for person in shown:
            assert escape(person.name) in page, (name, person.name)
    response = client_alice.get(reverse("team_reports:export", args=[team.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = {row[1]: row for row in csv.reader(io.StringIO(response.content.decode()))}
    for person in shown:  # the text as typed (not HTML), and never a formula
        cell = rows[person.email][0]
        assert cell == (f"'{person.name}" if person.name.startswith(FORMULA_STARTS) else person.name)
        assert not cell.startswith(FORMULA_STARTS)
    outputs.count += len(shown)
    refused = len(PAYLOADS) - len(shown)
    assert refused and outputs.count == refused + 5 * len(shown)
