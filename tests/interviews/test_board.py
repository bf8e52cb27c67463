"""The whiteboard on the server: the per-element merge, the room's shared board, the solo board."""

import itertools
import json
import random

import pytest
from django.urls import reverse

from casestudies.models import Question
from interviews.board import scene_merged, wins
from interviews.events import replay_timeline
from interviews.models import Mock, MockEvent
from interviews.services import mocks
from interviews.services import practice as practice_services
from tests.factories.interviews import scheduled_mock

pytestmark = pytest.mark.django_db
JSON = {"content_type": "application/json", "headers": {"Accept": "application/json"}}


def el(element_id, version, nonce=0, **extra):
    return {"id": element_id, "version": version, "versionNonce": nonce, "type": "rectangle", **extra}


def test_the_merge_keeps_the_higher_version_then_the_lower_nonce():
    assert wins(el("a", 2, 9), el("a", 1, 1))
    assert not wins(el("a", 1, 1), el("a", 2, 9))
    assert wins(el("a", 3, 1), el("a", 3, 5)) and not wins(el("a", 3, 5), el("a", 3, 1))
    assert not wins(el("a", 3, 5), el("a", 3, 5))  # the same element: nothing to change


def test_every_order_of_arrival_converges_on_one_scene():
    rng = random.Random(7)
    # A (version, versionNonce) pair names one state of an element, as Excalidraw gives out nonces.
    changes = [el(rng.choice("abcd"), rng.randint(1, 4), rng.randrange(2**31), x=i) for i in range(9)]
    scenes = set()
    for order in itertools.islice(itertools.permutations(changes), 0, 5000, 37):
        scene = {}
        for change in order:
            scene, _ = scene_merged(scene, [change])
        scenes.add(json.dumps(scene, sort_keys=True))
    assert len(scenes) == 1


@pytest.fixture
def live_mock(content, alice, bob):
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    return mocks.mock_transition(mock=mock, user=alice, action="start")


def draw(client, mock, elements):
    return client.post(
        reverse("interviews:mock_board", args=[mock.pk]), json.dumps({"elements": elements}), **JSON
    )


def test_both_participants_draw_and_only_changes_reach_the_log(client, live_mock, alice, bob):
    client.force_login(bob)
    assert draw(client, live_mock, [el("box", 1, 5), el("arrow", 2, 3)]).json()["accepted"] == 2
    client.force_login(alice)
    response = draw(client, live_mock, [el("box", 1, 9), el("box2", 1, 1)])  # box: an older copy
    assert response.status_code == 200 and response.json()["accepted"] == 1

    mock = Mock.objects.get(pk=live_mock.pk)
    assert set(mock.board) == {"box", "arrow", "box2"} and mock.board["box"]["versionNonce"] == 5
    logged = [e.payload for e in MockEvent.objects.filter(mock=mock, kind="board").order_by("id")]
    assert [[x["id"] for x in p["elements"]] for p in logged] == [["box", "arrow"], ["box2"]]
    assert [p["by"] for p in logged] == ["candidate", "interviewer"]


def test_bad_board_input_is_a_clear_4xx_and_changes_nothing(client, live_mock, bob):
    client.force_login(bob)
    url = reverse("interviews:mock_board", args=[live_mock.pk])
    assert client.post(url, "{not json", **JSON).status_code == 400
    refused = draw(client, live_mock, [{"id": "x", "version": "1", "versionNonce": 0, "type": "rectangle"}])
    assert refused.status_code == 422 and "valid version" in refused.json()["error"]
    image = draw(client, live_mock, [el("x", 1, type="image")])
    assert image.status_code == 422 and "cannot be drawn" in image.json()["error"]
    assert Mock.objects.get(pk=live_mock.pk).board == {}


@pytest.mark.parametrize(
    "body",
    [
        '{"elements": [{"id": "a", "version": 1, "versionNonce": 0, "type": "text", "text": "a\\u0000b"}]}',
        '{"elements": [{"id": "a", "version": 1, "versionNonce": 0, "type": "text", "text": "\\ud800"}]}',
        '{"elements": [{"id": "a", "version": 1, "versionNonce": 0, "type": "line", "x": NaN}]}',
        '{"elements": [{"id": "a", "version": 1, "versionNonce": 0, "type": "line", "p": '
        + "[" * 50
        + "]" * 50
        + "}]}",
        '{"elements": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["nul", "lone surrogate", "nan", "deep element", "deep body"],
)
def test_what_postgresql_cannot_store_is_a_4xx_not_a_500(client, live_mock, bob, body):
    client.force_login(bob)
    response = client.post(reverse("interviews:mock_board", args=[live_mock.pk]), body, **JSON)
    assert response.status_code in (400, 422) and response.json()["error"]
    assert Mock.objects.get(pk=live_mock.pk).board == {}


def test_a_javascript_link_never_reaches_the_other_side(client, live_mock, bob):
    client.force_login(bob)
    draw(
        client, live_mock, [el("a", 1, link="javascript:alert(1)"), el("b", 1, link="https://aws.amazon.com")]
    )
    board = Mock.objects.get(pk=live_mock.pk).board
    assert board["a"]["link"] is None and board["b"]["link"] == "https://aws.amazon.com"


def test_outsiders_and_closed_rooms_cannot_draw(client, content, live_mock, alice, bob, charlie):
    client.force_login(charlie)
    assert draw(client, live_mock, [el("a", 1)]).status_code == 404
    client.force_login(alice)
    client.post(
        reverse("interviews:mock_action", args=[live_mock.pk]), {"action": "end"}, headers=JSON["headers"]
    )
    client.force_login(bob)
    closed = draw(client, live_mock, [el("a", 1)])
    assert closed.status_code == 409 and "while the mock is live" in closed.json()["error"]
    assert Mock.objects.get(pk=live_mock.pk).board == {}


def test_the_replay_timeline_has_the_board_and_only_the_interviewer_has_notes(client, live_mock, alice, bob):
    client.force_login(bob)
    draw(client, live_mock, [el("a", 1)])
    client.force_login(alice)
    notes_url = reverse("interviews:notes", args=[live_mock.pk])
    assert (
        client.post(notes_url, {"notes": "good LB choice", "version": 1}, headers=JSON["headers"]).status_code
        == 200
    )

    interviewer = [e["kind"] for e in replay_timeline(mock_id=live_mock.pk, role="interviewer")]
    candidate = [e["kind"] for e in replay_timeline(mock_id=live_mock.pk, role="candidate")]
    assert "board" in candidate and "notes" in interviewer and "notes" not in candidate


def test_the_solo_board_saves_with_a_version_and_a_stale_tab_is_refused(client_bob, bob, charlie, content):
    attempt = practice_services.attempt_start(user=bob, question=Question.objects.order_by("slug").first())
    url = reverse("interviews:attempt_board", args=[attempt.pk])
    first = client_bob.post(url, json.dumps({"elements": [el("a", 1)], "version": 1}), **JSON)
    assert first.status_code == 200 and first.json() == {"version": 2}

    stale = client_bob.post(url, json.dumps({"elements": [el("b", 1)], "version": 1}), **JSON)
    assert stale.status_code == 409 and "another tab" in stale.json()["error"]
    attempt.refresh_from_db()
    assert set(attempt.board) == {"a"} and attempt.board_version == 2

    page = client_bob.get(reverse("interviews:attempt", args=[attempt.pk])).content.decode()
    assert 'id="board-elements"' in page and '"id": "a"' in page and 'data-version="2"' in page
    client_bob.force_login(charlie)
    assert client_bob.post(url, json.dumps({"elements": [], "version": 2}), **JSON).status_code == 404
