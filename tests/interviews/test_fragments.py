"""The bank's cached question cards: cheap when warm, fresh when a question changes, never per-user."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies.models import Question
from interviews.services.practice import attempt_finish, attempt_start


def _get(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("interviews:bank")).content.decode()
    return page, len(queries)


def test_cards_are_rendered_once_and_again_when_their_question_changes(client_bob, bob, content):
    client_bob.get(reverse("interviews:bank"))  # the first request of a session also records it
    caches["fragments"].clear()
    _cold, cold = _get(client_bob)
    page, warm = _get(client_bob)
    # The questions, their levels and case studies are not read again (3), nor the filter bar's choices
    # (levels, categories, case studies: 3; the content's stamp is read either way).
    assert warm == cold - 3 - 3
    question = Question.objects.order_by("slug").first()
    assert question.prompt in page

    question.prompt = "A rewritten prompt, as a re-import would leave it."
    question.save()  # moves updated_at: its card is a miss, the others stay cached
    page, _ = _get(client_bob)
    assert "A rewritten prompt" in page

    # What is the user's own is never cached: finishing it turns the card's status to Practised.
    attempt_finish(attempt=attempt_start(user=bob, question=question), checked=[], ratings={})
    page, _ = _get(client_bob)
    card = page[page.index("A rewritten prompt") - 1500 : page.index("A rewritten prompt")]
    assert "Practised" in card
