"""The interviewer's kit: the phase clock from server time, auto-advance, probes by phase, curveballs and
the calm "time to move on"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casestudies.models import Question
from interviews.events import events_after, replay_timeline
from interviews.models import MockEvent
from interviews.selectors import probes_by_phase
from interviews.services.clock import timer_payload
from interviews.services.mocks import mock_transition
from sdprep.errors import DomainError
from tests.factories.interviews import scheduled_mock

HTMX = {"HX-Request": "true", "Accept": "application/json"}
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def live(content, alice, bob):
    """Alice interviews Bob for 60 minutes (Intro 5, Requirements 8, Estimates 5, ...), started at t0."""
    question = Question.objects.filter(levels__code="L6").exclude(curveballs=[]).order_by("slug").first()
    mock = scheduled_mock(interviewer=alice, candidate=bob, question=question)[0]
    t0 = timezone.now().replace(microsecond=0)
    return mock_transition(mock=mock, user=alice, action="start", now=t0), t0


def test_the_phase_clock_counts_down_each_phase_from_server_time(live, alice):
    mock, t0 = live
    assert [label for _key, label, _minutes in mock.phases][:3] == ["Intro", "Requirements", "Estimates"]
    at = timer_payload(mock, t0 + 3 * MINUTE)
    assert (at["phase"], at["phase_remaining"], at["remaining"]) == ("Intro", 120, 57 * 60)
    # The overrun starts at the plan's second, not before: 0 left at 5:00, one second over at 5:01.
    assert timer_payload(mock, t0 + 5 * MINUTE)["phase_remaining"] == 0
    assert timer_payload(mock, t0 + 5 * MINUTE + datetime.timedelta(seconds=1))["phase_remaining"] == -1

    # A pause stops the phase clock too.
    mock = mock_transition(mock=mock, user=alice, action="pause", now=t0 + 2 * MINUTE)
    assert timer_payload(mock, t0 + 30 * MINUTE)["phase_remaining"] == 180
    mock = mock_transition(mock=mock, user=alice, action="resume", now=t0 + 12 * MINUTE)
    assert timer_payload(mock, t0 + 13 * MINUTE)["phase_remaining"] == 120

    # By hand, the next phase starts when the interviewer moves on; the log keeps how long the last took.
    mock = mock_transition(mock=mock, user=alice, action="next_phase", now=t0 + 16 * MINUTE)
    at = timer_payload(mock, t0 + 16 * MINUTE)
    assert (at["phase"], at["phase_remaining"]) == ("Requirements", 8 * 60)
    closed = MockEvent.objects.filter(mock=mock, kind="timer").latest("id").payload["phases_closed"]
    assert closed == [{"from": "Intro", "took": 6 * 60, "planned": 5 * 60, "auto": False}]


def test_auto_advance_moves_on_when_a_phase_runs_out_and_not_before(live, alice, bob):
    mock, t0 = live
    mock = mock_transition(mock=mock, user=alice, action="auto_on", now=t0)
    events = MockEvent.objects.filter(mock=mock).count()
    early = mock_transition(
        mock=mock, user=bob, action="advance_due", now=t0 + 5 * MINUTE - datetime.timedelta(seconds=1)
    )
    assert early.phase_index == 0 and MockEvent.objects.filter(mock=mock).count() == events  # nothing logged

    mock = mock_transition(mock=mock, user=bob, action="advance_due", now=t0 + 5 * MINUTE)
    assert mock.phase == ("requirements", "Requirements", 8)
    # A browser that asks late (or two tabs at once) moves on where the plan says, phase by phase.
    late = t0 + (5 + 8 + 5) * MINUTE + datetime.timedelta(seconds=40)
    mock = mock_transition(mock=mock, user=alice, action="advance_due", now=late)
    assert mock.phase[1] == "High-level design" and mock.phase_started == 18 * MINUTE
    assert timer_payload(mock, late)["phase_remaining"] == 17 * 60 - 40
    closed = MockEvent.objects.filter(mock=mock, kind="timer").latest("id").payload["phases_closed"]
    assert [(c["from"], c["took"], c["auto"]) for c in closed] == [
        ("Requirements", 8 * 60, True),
        ("Estimates", 5 * 60, True),
    ]
    assert mock_transition(mock=mock, user=alice, action="advance_due", now=late).phase_index == 3

    # Switched off, a run-out phase stays where it is.
    mock = mock_transition(mock=mock, user=alice, action="auto_off", now=late)
    assert mock_transition(mock=mock, user=bob, action="advance_due", now=late + 60 * MINUTE).phase_index == 3


def test_only_the_interviewer_switches_auto_advance_or_throws(client, live, bob):
    mock, _t0 = live
    client.force_login(bob)
    url = reverse("interviews:mock_action", args=[mock.pk])
    for action in ("auto_on", "curveball", "nudge", "next_phase"):
        response = client.post(url, {"action": action, "curveball": "0"}, headers=HTMX)
        assert response.status_code == 409 and "Only the interviewer" in response.json()["error"]


def test_probes_come_grouped_by_phase_with_the_current_phase_first(client, live, alice, bob):
    mock, _t0 = live
    question = mock.question
    tagged = {p["phase"] for p in question.probes()}
    assert "" not in tagged and len(tagged) >= 2
    groups = probes_by_phase(question, mock.phases, "deep_dive")
    assert groups[0]["key"] == "deep_dive" and groups[0]["current"]
    assert [g["key"] for g in groups[1:]] == [k for k, _l, _m in mock.phases if k != "deep_dive"]
    assert sum(len(g["probes"]) for g in groups) == len(question.hints) + len(question.follow_ups)

    # The room: the interviewer sees the current phase's probes first and open; the candidate none.
    for _ in range(4):
        mock = mock_transition(mock=mock, user=alice, action="next_phase")
    assert mock.phase[0] == "deep_dive"
    client.force_login(alice)
    page = client.get(mock.get_absolute_url()).content.decode()
    first = page.index('class="probe-group"')
    assert page.index('data-probe-phase="deep_dive" open', first) == first + len('class="probe-group" ')
    deep = next(p for p in question.probes() if p["phase"] == "deep_dive")
    assert deep["text"] in page
    client.force_login(bob)
    assert deep["text"] not in client.get(mock.get_absolute_url()).content.decode()


def test_a_curveball_reaches_the_candidate_and_the_replay(client, live, alice, bob):
    mock, _t0 = live
    curveball = mock.question.curveballs[0]
    client.force_login(bob)
    candidate_page = client.get(mock.get_absolute_url()).content.decode()
    assert curveball["text"] not in candidate_page  # not before it is thrown
    assert curveball["answers"]["L6"] not in candidate_page

    client.force_login(alice)
    url = reverse("interviews:mock_action", args=[mock.pk])
    assert client.post(url, {"action": "curveball", "curveball": "0"}, headers=HTMX).status_code == 200
    again = client.post(url, {"action": "curveball", "curveball": "0"}, headers=HTMX)
    assert again.status_code == 409 and "already" in again.json()["error"]
    for bad in ("9", "-1", "x", ""):
        refused = client.post(url, {"action": "curveball", "curveball": bad}, headers=HTMX)
        assert refused.status_code == 422 and "Choose one" in refused.json()["error"]

    stream = events_after(mock_id=mock.pk, role="candidate", after=0)
    thrown = [e for e in stream if e["kind"] == "curveball"]
    assert len(thrown) == 1 and thrown[0]["payload"]["text"] == curveball["text"]
    assert thrown[0]["payload"]["phase"] == "Intro"
    interviewer_page = client.get(mock.get_absolute_url()).content.decode()
    assert "Thrown in Intro" in interviewer_page and curveball["answers"]["L7"] in interviewer_page

    client.force_login(bob)  # after a reload the candidate still has the change in front of them
    page = client.get(mock.get_absolute_url()).content.decode()
    assert curveball["text"] in page and curveball["answers"]["L6"] not in page
    mock = mock_transition(mock=mock, user=alice, action="end")
    kinds = [e["kind"] for e in replay_timeline(mock_id=mock.pk, role="candidate")]
    assert "curveball" in kinds
    replay = client.get(reverse("interviews:mock_replay", args=[mock.pk])).content.decode()
    assert "Phase timings" in replay and "Requirement changes so far" in replay


def test_time_to_move_on_is_sent_by_the_interviewer_only_when_they_choose(live, alice):
    mock, _t0 = live
    assert not [e for e in events_after(mock_id=mock.pk, role="candidate", after=0) if e["kind"] == "nudge"]
    mock_transition(mock=mock, user=alice, action="nudge")
    nudges = [e for e in events_after(mock_id=mock.pk, role="candidate", after=0) if e["kind"] == "nudge"]
    assert nudges[0]["payload"] == {"phase": "Intro", "next": "Requirements"}


def test_the_last_phase_cannot_advance(live, alice):
    mock, _t0 = live
    for _ in range(len(mock.phases) - 1):
        mock = mock_transition(mock=mock, user=alice, action="next_phase")
    with pytest.raises(DomainError, match="last phase"):
        mock_transition(mock=mock, user=alice, action="next_phase")
    assert timer_payload(mock)["phase_last"] is True
