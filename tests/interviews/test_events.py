"""The live event log: a scratchpad save is rendered once, when it is written, whoever reads it later."""

import sys

import pytest
from django.urls import reverse

from interviews.events import events_after, scratchpad_frames
from interviews.models import ANSWER_SECTIONS, MockEvent
from sdprep import markdown
from tests.factories.interviews import scheduled_mock

HTMX = {"HX-Request": "true", "Accept": "application/json"}
pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts every call of the markdown renderer, wherever a module imported it from."""
    calls = []
    original = markdown.render_user_markdown

    def counted(text, *args, **kwargs):
        calls.append(text)
        return original(text, *args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "render_user_markdown", None) is original:
            monkeypatch.setattr(module, "render_user_markdown", counted)
    return calls


def test_a_scratchpad_save_is_rendered_once_whatever_the_number_of_viewers(
    client, django_user_model, content, alice, bob, charlie, renders
):
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    client.force_login(alice)
    client.post(reverse("interviews:mock_action", args=[mock.pk]), {"action": "start"}, headers=HTMX)
    after = MockEvent.objects.filter(mock=mock).order_by("-id").values_list("id", flat=True).first()

    client.force_login(bob)
    text = {f"answer_{key}": "" for key, _ in ANSWER_SECTIONS} | {"answer_design": "**LB** then _shards_"}
    saved = client.post(
        reverse("interviews:scratchpad", args=[mock.pk]), {**text, "version": 1}, headers=HTMX
    )
    assert saved.status_code == 200
    assert len(renders) == len(ANSWER_SECTIONS)  # each section once, at write time
    renders.clear()

    # Three viewers poll (the interviewer in two tabs, the candidate in one), then the replay is read.
    seen = []
    for viewer in (alice, alice, bob):
        client.force_login(viewer)
        response = client.get(reverse("interviews:mock_events", args=[mock.pk]), {"after": after})
        (event,) = [e for e in response.json()["events"] if e["kind"] == "scratchpad"]
        seen.append(event["payload"]["html"]["design"])
    frames = scratchpad_frames(mock_id=mock.pk)

    assert renders == []
    assert seen == [seen[0]] * 3 and "<strong>LB</strong>" in seen[0] and "<em>shards</em>" in seen[0]
    assert frames[-1]["html"]["design"] == seen[0]


def test_the_candidate_never_reads_interviewer_only_events(content, alice, bob):
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    secret = MockEvent.objects.create(mock=mock, kind="note", payload={}, audience="interviewer")

    candidate_ids = [e["id"] for e in events_after(mock_id=mock.pk, role="candidate", after=0)]
    interviewer_ids = [e["id"] for e in events_after(mock_id=mock.pk, role="interviewer", after=0)]

    assert secret.pk in interviewer_ids and secret.pk not in candidate_ids
    assert set(candidate_ids) < set(interviewer_ids)
