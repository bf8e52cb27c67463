import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casestudies.models import Level, Question
from interviews.models import Mock, MockEvent, MockInvite
from interviews.selectors import rubric_for_question
from tests.factories.accounts import UserFactory
from tests.factories.interviews import scheduled_mock

HTMX = {"HX-Request": "true", "Accept": "application/json"}


@pytest.fixture
def mock_pair(content, alice, bob):
    """Alice interviews Bob at L6; Bob has accepted the invite."""
    return scheduled_mock(interviewer=alice, candidate=bob)[0]


def act(client, mock, action):
    return client.post(reverse("interviews:mock_action", args=[mock.pk]), {"action": action}, headers=HTMX)


def test_creating_a_mock_gives_an_invite_link(client, alice, content):
    client.force_login(alice)
    when = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("interviews:mock_new"),
        {"level": "L7", "question": "", "duration": 45, "role": "candidate", "scheduled_at": when},
    )
    mock = Mock.objects.get()
    assert response["Location"] == mock.get_absolute_url()
    assert mock.candidate == alice and mock.interviewer is None and mock.level.code == "L7"
    assert mock.question.levels.filter(code="L7").exists()  # "pick for me"
    invite = MockInvite.objects.get(mock=mock)
    assert invite.role == "interviewer" and len(invite.token) >= 32
    assert invite.token in client.get(mock.get_absolute_url()).content.decode()


def test_a_mock_can_be_booked_straight_with_a_teammate(
    client, alice, bob, charlie, content, mailoutbox, django_capture_on_commit_callbacks
):
    from teams.models import Membership, Team

    team = Team.objects.create(name="Platform", created_by=alice)
    Membership.objects.create(team=team, user=alice, role="manager")
    Membership.objects.create(team=team, user=bob)
    client.force_login(alice)
    when = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"level": "L6", "duration": 60, "role": "interviewer", "scheduled_at": when}

    # Charlie shares no team with Alice: not a choice, and nothing is created.
    response = client.post(reverse("interviews:mock_new"), {**data, "teammate": charlie.pk})
    assert response.status_code == 422 and b"Select a valid choice" in response.content
    assert not Mock.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interviews:mock_new"), {**data, "teammate": bob.pk})
    mock = Mock.objects.get()
    assert response["Location"] == mock.get_absolute_url()
    assert (mock.interviewer, mock.candidate) == (alice, bob)
    assert MockInvite.objects.get(mock=mock).accepted_by == bob  # the link is spent
    assert sorted(m.to[0] for m in mailoutbox) == [alice.email, bob.email]
    assert all(m.attachments and m.attachments[0][0].endswith(".ics") for m in mailoutbox)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"scheduled_at": "2001-01-01T10:00"}, b"in the future"),
        ({"scheduled_at": "nope"}, b"Enter a valid date"),
        ({"role": "boss"}, b"Select a valid choice"),
        ({"call_link": "javascript:alert(1)"}, b"Enter a valid URL"),
    ],
)
def test_bad_mock_input_is_a_422(client, alice, content, overrides, message):
    client.force_login(alice)
    data = {
        "level": "L6",
        "duration": 60,
        "role": "interviewer",
        "scheduled_at": "2099-01-01T10:00",
        **overrides,
    }
    response = client.post(reverse("interviews:mock_new"), data)
    assert response.status_code == 422 and message in response.content
    assert not Mock.objects.exists()


def test_an_invite_is_accepted_once(client, mock_pair, charlie, bob):
    invite = MockInvite.objects.get(mock=mock_pair)
    client.force_login(charlie)
    response = client.post(reverse("interviews:invite", args=[invite.token]))
    assert response.status_code == 409 and b"already been accepted" in response.content
    mock_pair.refresh_from_db()
    assert mock_pair.candidate == bob


def test_you_cannot_accept_your_own_invite_or_an_expired_one(client, alice, content):
    _mock, invite = scheduled_mock(interviewer=alice)
    client.force_login(alice)
    response = client.post(reverse("interviews:invite", args=[invite.token]))
    assert response.status_code == 409 and b"already in this mock" in response.content
    MockInvite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.force_login(UserFactory())
    assert client.post(reverse("interviews:invite", args=[invite.token])).status_code == 409
    assert client.get(reverse("interviews:invite", args=["not-a-token"])).status_code == 404


@pytest.mark.parametrize("name", ["mock", "mock_events", "mock_stream", "scorecard"])
def test_outsiders_get_a_404_on_every_room_url(client, charlie, mock_pair, name):
    client.force_login(charlie)
    assert client.get(reverse(f"interviews:{name}", args=[mock_pair.pk])).status_code == 404


@pytest.mark.parametrize("name", ["mock_action", "scratchpad", "notes", "scorecard"])
def test_outsiders_cannot_change_a_room(client, charlie, mock_pair, name):
    client.force_login(charlie)
    before = MockEvent.objects.count()
    assert (
        client.post(reverse(f"interviews:{name}", args=[mock_pair.pk]), {"action": "start"}).status_code
        == 404
    )
    assert MockEvent.objects.count() == before


def test_illegal_transitions_get_a_clear_4xx(client, alice, bob, mock_pair):
    client.force_login(bob)
    response = act(client, mock_pair, "start")
    assert response.status_code == 409 and "Only the interviewer" in response.json()["error"]
    client.force_login(alice)
    assert act(client, mock_pair, "end").status_code == 409  # not live yet
    assert act(client, mock_pair, "start").status_code == 200
    client.force_login(bob)
    response = act(client, mock_pair, "end")
    assert response.status_code == 409 and "Only the interviewer can end" in response.json()["error"]
    assert (
        client.get(reverse("interviews:scorecard", args=[mock_pair.pk])).status_code == 404
    )  # no scoring yet
    mock_pair.refresh_from_db()
    assert mock_pair.state == "live"


def test_the_timer_and_phases_come_from_the_server(client, alice, mock_pair):
    client.force_login(alice)
    data = act(client, mock_pair, "start").json()
    assert data["state"] == "live" and data["phase"] == "Intro" and 3590 <= data["remaining"] <= 3600
    assert act(client, mock_pair, "next_phase").json()["phase"] == "Requirements"
    paused = act(client, mock_pair, "pause").json()
    assert paused["paused"] is True
    mock_pair.refresh_from_db()
    later = mock_pair.paused_at + datetime.timedelta(minutes=10)
    assert mock_pair.remaining(later) == mock_pair.remaining(mock_pair.paused_at)


def start(client, alice, mock):
    client.force_login(alice)
    act(client, mock, "start")
    mock.refresh_from_db()


def test_scratchpad_saves_are_versioned_and_only_the_candidate_writes(client, alice, bob, mock_pair):
    start(client, alice, mock_pair)
    url = reverse("interviews:scratchpad", args=[mock_pair.pk])
    assert (
        client.post(url, {"version": 1, "answer_design": "x"}).status_code == 403
    )  # alice is the interviewer
    client.force_login(bob)
    assert client.post(url, {"version": 1, "answer_design": "A -> B"}).json()["version"] == 2
    stale = client.post(url, {"version": 1, "answer_design": "from an old tab"})
    assert stale.status_code == 409 and "another tab" in stale.json()["error"]
    mock_pair.refresh_from_db()
    assert mock_pair.scratchpad["design"] == "A -> B"
    event = MockEvent.objects.filter(mock=mock_pair, kind="scratchpad").get()
    assert event.payload["content"]["design"] == "A -> B"  # logged with the change


def test_the_candidate_never_sees_the_interviewers_side(client, alice, bob, mock_pair):
    start(client, alice, mock_pair)
    client.post(reverse("interviews:notes", args=[mock_pair.pk]), {"version": 1, "notes": "TOPSECRET-NOTE"})
    interviewer_html = client.get(mock_pair.get_absolute_url()).content.decode()
    question = mock_pair.question
    assert question.hints[0][:40] in interviewer_html.replace("&#x27;", "'")
    assert "TOPSECRET-NOTE" in interviewer_html

    client.force_login(bob)
    html = client.get(mock_pair.get_absolute_url()).content.decode().replace("&#x27;", "'")
    events = client.get(reverse("interviews:mock_events", args=[mock_pair.pk])).content.decode()
    for raw in (html, events):
        assert "TOPSECRET-NOTE" not in raw
        for text in [*question.hints, *question.follow_ups]:
            assert text[:40] not in raw
        for item in question.checklist.all():
            assert item.text[:40] not in raw
        assert "Interviewer's private panel" not in raw


def test_a_whole_mock_to_the_scorecard(client, alice, bob, mock_pair):
    start(client, alice, mock_pair)
    act(client, mock_pair, "end")
    url = reverse("interviews:scorecard", args=[mock_pair.pk])
    dimensions = rubric_for_question(mock_pair.question, mock_pair.level)
    version = mock_pair.scorecard.version
    data = {"version": version, "signal": "hire", "feedback": "Clear requirements; thin on capacity."}
    data.update({f"score_{d.slug}": 3 for d in dimensions})
    first = dimensions[0]
    data[f"score_{first.slug}"] = 4

    # Bob cannot see a draft.
    client.force_login(bob)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 422 and b"needs evidence" in response.content
    assert b"Clear requirements; thin on capacity." in response.content  # what was typed is kept
    data[f"evidence_{first.slug}"] = "Drew the partitioning unprompted."
    assert client.post(url, {**data, "save": "1"}).status_code == 302  # a draft: version + 1
    stale = client.post(url, {**data, "submit": "1"})  # still carries the old version, like a second tab
    assert stale.status_code == 409 and b"another tab" in stale.content
    assert client.post(url, {**data, "version": version + 1, "submit": "1"}).status_code == 302
    mock_pair.refresh_from_db()
    assert mock_pair.state == "completed"

    client.force_login(bob)
    html = client.get(url).content.decode()
    assert "Clear requirements" in html and "Drew the partitioning" in html and "Hire" in html
    assert client.post(url, {"usefulness": 9}).status_code == 422
    assert client.post(url, {"usefulness": 5, "comment": "Spot on"}).status_code == 302
    mock_pair.scorecard.refresh_from_db()
    assert mock_pair.scorecard.usefulness == 5


def test_my_mocks_lists_both_roles(client, alice, bob, mock_pair):
    client.force_login(bob)
    html = client.get(reverse("interviews:mocks")).content.decode()
    assert "Candidate" in html and "Alice Manager" in html


def test_the_calendar_file_and_confirmation_emails(
    client, alice, content, django_capture_on_commit_callbacks, mailoutbox
):
    mock, invite = scheduled_mock(interviewer=alice, call_link="https://meet.example.com/abc")
    newcomer = UserFactory(time_zone="Asia/Tokyo")
    client.force_login(newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interviews:invite", args=[invite.token]))
    assert sorted(m.to[0] for m in mailoutbox) == sorted([alice.email, newcomer.email])
    tokyo = next(m for m in mailoutbox if m.to == [newcomer.email])
    assert "Asia/Tokyo" in tokyo.subject and tokyo.attachments[0][0].endswith(".ics")
    ics = client.get(reverse("interviews:mock_calendar", args=[mock.pk]))
    body = ics.content.decode()
    assert ics["Content-Type"] == "text/calendar" and "BEGIN:VEVENT" in body and "meet.example.com" in body


def test_no_show_only_after_ten_minutes_and_it_counts(client, alice, bob, mock_pair):
    client.force_login(alice)
    response = act(client, mock_pair, "no_show")
    assert response.status_code == 409 and "ten minutes" in response.json()["error"]
    Mock.objects.filter(pk=mock_pair.pk).update(scheduled_at=timezone.now() - datetime.timedelta(minutes=11))
    assert act(client, mock_pair, "no_show").status_code == 200
    mock_pair.refresh_from_db()
    assert mock_pair.state == "no_show" and mock_pair.no_show_user == bob
    client.force_login(bob)
    assert b"<strong>1</strong> no-show" in client.get(reverse("profile:edit")).content


def test_swap_roles_and_replay_after_the_mock(client, alice, bob, mock_pair):
    start(client, alice, mock_pair)
    client.force_login(bob)
    client.post(reverse("interviews:scratchpad", args=[mock_pair.pk]), {"version": 1, "answer_design": "v1"})
    client.post(
        reverse("interviews:scratchpad", args=[mock_pair.pk]), {"version": 2, "answer_design": "v2 **bold**"}
    )
    replay = reverse("interviews:mock_replay", args=[mock_pair.pk])
    assert client.get(replay).status_code == 404  # not before the end
    assert client.post(reverse("interviews:mock_swap", args=[mock_pair.pk])).status_code == 302
    assert Mock.objects.count() == 1  # refused while live
    client.force_login(alice)
    act(client, mock_pair, "end")
    html = client.get(replay).content.decode()
    frames = json.loads(
        re.search(r'id="replay-frames" type="application/json">(.*?)</script>', html).group(1)
    )
    assert [frame["html"]["design"] for frame in frames] == ["<p>v1</p>", "<p>v2 <strong>bold</strong></p>"]

    response = client.post(reverse("interviews:mock_swap", args=[mock_pair.pk]))
    swapped = Mock.objects.exclude(pk=mock_pair.pk).get()
    assert response["Location"] == swapped.get_absolute_url()
    assert (swapped.interviewer, swapped.candidate) == (bob, alice)
    assert swapped.question != mock_pair.question and swapped.level == mock_pair.level


@pytest.mark.parametrize(
    ("name", "method"), [("mock_calendar", "get"), ("mock_replay", "get"), ("mock_swap", "post")]
)
def test_outsiders_get_a_404_on_the_other_mock_urls(client, charlie, mock_pair, name, method):
    client.force_login(charlie)
    assert getattr(client, method)(reverse(f"interviews:{name}", args=[mock_pair.pk])).status_code == 404
    assert Mock.objects.count() == 1


def test_open_slots_are_booked_into_a_mock(
    client, alice, bob, content, django_capture_on_commit_callbacks, mailoutbox
):
    from interviews.models import Slot

    client.force_login(alice)
    when = (
        timezone.localtime(timezone.now(), timezone=alice_zone(alice)) + datetime.timedelta(days=1)
    ).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("interviews:slots"), {"kind": "interview", "level": "L7", "starts_at": when, "duration": 45}
    )
    assert response.status_code == 302
    slot = Slot.objects.get()
    own = client.post(reverse("interviews:slot_book", args=[slot.pk]))
    assert own.status_code == 409 and b"your own slot" in own.content

    client.force_login(bob)
    assert "I can interview" in client.get(reverse("interviews:slots")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interviews:slot_book", args=[slot.pk]))
    mock = Mock.objects.get()
    assert response["Location"] == mock.get_absolute_url()
    assert (mock.interviewer, mock.candidate, mock.duration_minutes) == (alice, bob, 45)
    assert {m.to[0] for m in mailoutbox} == {alice.email, bob.email}
    again = client.post(reverse("interviews:slot_book", args=[slot.pk]))
    assert again.status_code == 409 and Mock.objects.count() == 1


def alice_zone(user):
    import zoneinfo

    return zoneinfo.ZoneInfo(user.time_zone)


def test_a_slot_in_the_past_is_refused(client, alice, content):
    client.force_login(alice)
    response = client.post(
        reverse("interviews:slots"),
        {"kind": "interview", "level": "L6", "starts_at": "2001-01-01T10:00", "duration": 60},
    )
    assert response.status_code == 422 and b"in the future" in response.content


def test_weak_dimensions_bring_the_candidates_questions_back(client, alice, bob, mock_pair):
    from progress.models import ReviewCard
    from progress.services import review_card_review
    from progress.srs import Rating

    scaling = Question.objects.filter(kind="scaling", levels__code="L6").first()
    leadership = Question.objects.filter(kind="leadership", levels__code="L6").first()
    for question in (scaling, leadership):
        review_card_review(user=bob, question=question, rating=Rating.Easy, now=timezone.now())
    assert ReviewCard.objects.filter(user=bob, due__lte=timezone.now()).count() == 0

    # The mock is on a scaling question that names no dimensions of its own: problem solving applies.
    mock_pair.question = Question.objects.filter(
        kind="scaling", levels__code="L6", dimension_slugs=[]
    ).first()
    mock_pair.save(update_fields=["question"])
    start(client, alice, mock_pair)
    act(client, mock_pair, "end")
    dimensions = rubric_for_question(mock_pair.question, mock_pair.level)
    data = {
        "version": mock_pair.scorecard.version,
        "signal": "no_hire",
        "feedback": "Work on capacity.",
        "submit": "1",
    }
    data.update({f"score_{d.slug}": 3 for d in dimensions})
    data["score_problem-solving"] = 2  # exercised by scaling and estimation questions
    assert client.post(reverse("interviews:scorecard", args=[mock_pair.pk]), data).status_code == 302

    due = set(
        ReviewCard.objects.filter(user=bob, due__lte=timezone.now()).values_list("question_id", flat=True)
    )
    assert scaling.pk in due and mock_pair.question_id in due
    assert leadership.pk not in due

    # Why it is due, said where the user sees it; a review puts the card back on its own schedule.
    today = timezone.localdate().strftime("%-d %b")
    client.force_login(bob)
    reviews = client.get(reverse("interviews:reviews")).content.decode()
    assert f"Due because Problem solving scored 2 in your mock on {today}." in reviews
    bank = client.get(reverse("interviews:bank"), {"status": "due"}).content.decode()
    assert f"because Problem solving scored 2 in your mock on {today}" in bank
    review_card_review(user=bob, question=scaling, rating=Rating.Good, now=timezone.now())
    assert ReviewCard.objects.get(user=bob, question=scaling).due_reason == ""


def test_pick_for_me_targets_the_weakest_dimension(bob, content):
    from interviews.models import PracticeAttempt
    from interviews.selectors import pick_question
    from interviews.services.practice import attempt_finish

    level = Level.objects.get(code="L6")
    practised = Question.objects.filter(levels=level, kind="leadership", dimension_slugs=[]).first()
    attempt = PracticeAttempt.objects.create(
        user=bob, question=practised, level=level, duration=practised.duration
    )
    ratings = {
        dimension: 1 if dimension.slug == "team-leadership" else 4
        for dimension in rubric_for_question(practised, level)
    }
    attempt_finish(attempt=attempt, checked=[], ratings=ratings)
    picked = pick_question(level=level, candidate=bob)
    assert picked.kind == "leadership" and picked != practised


def test_mock_lists_keep_their_query_budget(client, alice, bob, mock_pair):
    from interviews.models import Scorecard, Slot

    def counts():
        client.get(reverse("interviews:mocks"))
        with CaptureQueriesContext(connection) as mocks_page:
            client.get(reverse("interviews:mocks"))
        with CaptureQueriesContext(connection) as slots_page:
            client.get(reverse("interviews:slots"))
        return len(mocks_page), len(slots_page)

    client.force_login(bob)
    small = counts()
    level = Level.objects.get(code="L6")
    for i in range(30):
        other = Mock.objects.create(
            question=mock_pair.question,
            level=level,
            interviewer=alice,
            candidate=bob,
            created_by=alice,
            scheduled_at=timezone.now() + datetime.timedelta(days=i + 1),
        )
        Scorecard.objects.create(mock=other, signal="hire", submitted_at=timezone.now(), usefulness=4)
        Slot.objects.create(
            user=alice,
            kind="interview",
            level=level,
            starts_at=timezone.now() + datetime.timedelta(days=i + 1),
        )
    assert counts() == small


def test_the_room_keeps_its_query_budget_as_the_log_grows(client, alice, bob, mock_pair):
    from interviews.models import MockEvent

    start(client, alice, mock_pair)

    def count(user):
        client.force_login(user)
        client.get(mock_pair.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(mock_pair.get_absolute_url()).status_code == 200
        return len(captured)

    small = (count(alice), count(bob))
    MockEvent.objects.bulk_create(
        MockEvent(mock=mock_pair, kind="scratchpad", payload={"content": {"design": str(i)}})
        for i in range(300)
    )
    assert (count(alice), count(bob)) == small


def test_a_refused_button_press_without_javascript_explains_itself(client, alice, bob, mock_pair):
    client.force_login(bob)
    # A plain form post from a browser (Accept: text/html, */*): a readable message, not JSON.
    response = client.post(
        reverse("interviews:mock_action", args=[mock_pair.pk]),
        {"action": "start"},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        follow=True,
    )
    html = response.content.decode()
    assert "Only the interviewer can start the mock." in html and '{"error"' not in html


def test_oversized_notes_and_scratchpads_are_refused_not_truncated(client, alice, bob, mock_pair):
    start(client, alice, mock_pair)
    notes = client.post(
        reverse("interviews:notes", args=[mock_pair.pk]), {"version": 1, "notes": "n" * 50_001}
    )
    assert notes.status_code == 422 and "50,000 characters" in notes.json()["error"]
    client.force_login(bob)
    pad = client.post(
        reverse("interviews:scratchpad", args=[mock_pair.pk]), {"version": 1, "answer_design": "x" * 200_001}
    )
    assert pad.status_code == 422 and "200 KB" in pad.json()["error"]
    mock_pair.refresh_from_db()
    assert (mock_pair.interviewer_notes, mock_pair.notes_version, mock_pair.scratchpad_version) == ("", 1, 1)


def test_the_scorecard_draft_autosaves_and_a_stale_tab_gets_a_conflict(client, alice, mock_pair):
    start(client, alice, mock_pair)
    url = reverse("interviews:scorecard", args=[mock_pair.pk])
    version = mock_pair.scorecard.version
    json_headers = {"Accept": "application/json"}
    saved = client.post(url, {"version": version, "feedback": "draft one"}, headers=json_headers)
    assert saved.status_code == 200 and saved.json() == {"version": version + 1}
    stale = client.post(url, {"version": version, "feedback": "older tab"}, headers=json_headers)
    assert stale.status_code == 409 and "another tab" in stale.json()["error"]
    bad = client.post(url, {"version": version + 1, "feedback": "x" * 20_001}, headers=json_headers)
    assert bad.status_code == 422 and bad.json()["error"].startswith("Not saved")
    mock_pair.scorecard.refresh_from_db()
    assert mock_pair.scorecard.feedback == "draft one"


def test_the_feedback_rating_keeps_what_was_typed_on_error(client, alice, bob, mock_pair):
    from interviews.models import Scorecard

    Scorecard.objects.create(mock=mock_pair, signal="hire", feedback="ok", submitted_at=timezone.now())
    Mock.objects.filter(pk=mock_pair.pk).update(state="completed")
    url = reverse("interviews:scorecard", args=[mock_pair.pk])
    client.force_login(bob)
    response = client.post(url, {"usefulness": "9", "comment": "Typed thoughts"})
    assert response.status_code == 422 and b"Choose 1 to 5" in response.content
    assert b"Typed thoughts" in response.content
    long = client.post(url, {"usefulness": "4", "comment": "c" * 5001})
    assert long.status_code == 422 and b"at most 5000 characters" in long.content
    client.force_login(alice)
    assert client.post(url, {"usefulness": "5"}).status_code == 405  # only the candidate rates


def test_a_nul_character_in_notes_or_scratchpad_is_refused_clearly_not_a_500(client, alice, bob, mock_pair):
    # PostgreSQL stores no U+0000 in text or jsonb: both saves used to fail with a 500 (found by test_fuzz).
    start(client, alice, mock_pair)
    notes = client.post(reverse("interviews:notes", args=[mock_pair.pk]), {"version": 1, "notes": "a\x00b"})
    assert notes.status_code == 422 and "NUL character" in notes.json()["error"]
    client.force_login(bob)
    pad = client.post(
        reverse("interviews:scratchpad", args=[mock_pair.pk]), {"version": 1, "answer_api": "\x00"}
    )
    assert pad.status_code == 422 and "NUL character" in pad.json()["error"]
    mock_pair.refresh_from_db()
    assert (mock_pair.interviewer_notes, mock_pair.notes_version, mock_pair.scratchpad_version) == ("", 1, 1)


def test_an_invite_link_with_a_nul_byte_is_a_404(client, charlie, mock_pair):
    client.force_login(charlie)
    for method in (client.get, client.post):
        assert method("/practice/mocks/invite/%00/").status_code == 404


def test_a_slot_beyond_next_year_is_refused_and_the_board_still_works(client, content):
    # 9999-12-31 23:59 in Los Angeles is year 10000 in UTC: stored, it made the board a 500 for everyone,
    # and a booked one broke the calendar file (found by tests/security/test_fuzz.py).
    from interviews.models import Slot

    client.force_login(UserFactory(time_zone="America/Los_Angeles"))
    data = {"kind": "interview", "level": "L6", "starts_at": "9999-12-31T23:59", "duration": 60}
    response = client.post(reverse("interviews:slots"), data)
    assert response.status_code == 422 and b"within the next year" in response.content
    assert b'value="9999-12-31T23:59"' in response.content  # what was typed is kept
    assert not Slot.objects.exists()
    assert client.get(reverse("interviews:slots")).status_code == 200


def test_what_they_actually_did_shows_each_decision_in_full_to_the_interviewer_only(
    client, alice, bob, content
):
    from casestudies.models import Decision

    decision = Decision.objects.exclude(trade_offs="").exclude(result="").exclude(benefits="").first()
    question = Question.objects.filter(case_studies=decision.case_study).order_by("slug").first()
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob, question=question)
    section = decision.case_study.sections.filter(kind="decisions").order_by("order").first()

    client.force_login(alice)
    html = client.get(mock.get_absolute_url()).content.decode()
    panel = html[html.index("What they actually did") :]
    for text in (decision.title, "Benefits:", "Trade-offs:", "Result:"):
        assert text in panel
    assert f"{reverse('casestudies:detail', args=[decision.case_study.slug])}#s-{section.key}" in panel
    client.force_login(bob)
    assert "What they actually did" not in client.get(mock.get_absolute_url()).content.decode()


def test_the_question_picker_groups_by_category_and_shows_prompts_in_full(client, alice, content):
    client.force_login(alice)
    html = client.get(reverse("interviews:mock_new")).content.decode()
    picker = html[
        html.index('<select name="question"') : html.index("</select>", html.index('name="question"'))
    ]
    groups = re.findall(r'<optgroup label="([^"]+)">', picker)
    assert groups == sorted(groups) and len(groups) >= 5
    longest = max(Question.objects.all(), key=lambda q: len(q.prompt))
    label = f"{longest.get_kind_display()} · {'/'.join(lv.code for lv in longest.levels.all())} — "
    assert (label + longest.prompt).replace("'", "&#x27;") in picker.replace("&quot;", '"')
    assert picker.count("<option") == Question.objects.count() + 1  # "Pick for me"
    assert "data-filterable" in picker
