import datetime
import html
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fsrs import Card, Rating

from casestudies.models import ChecklistItem, Question, RubricDimension
from interviews import services
from interviews.models import ANSWER_SECTIONS, PracticeAttempt
from interviews.selectors import rubric_for_question
from interviews.views.practice import STALE_ATTEMPT_MESSAGE
from progress.models import ReviewCard
from progress.srs import SCHEDULER, rating_for
from tests.factories.casestudies import questions_bulk
from tests.helpers import assert_safe_html

HTMX = {"HX-Request": "true"}


@pytest.fixture
def question(content) -> Question:
    return Question.objects.filter(levels__code="L6", case_studies__isnull=False).order_by("slug").first()


@pytest.fixture
def attempt(bob, question) -> PracticeAttempt:
    return services.attempt_start(user=bob, question=question)


def answer_data(attempt, **sections):
    data = {"version": attempt.version}
    data.update({f"answer_{key}": sections.get(key, "") for key, _ in ANSWER_SECTIONS})
    return data


def finish_data(attempt, score=3, covered=None):
    dimensions = rubric_for_question(attempt.question, attempt.level)
    items = ChecklistItem.objects.filter(question=attempt.question, level=attempt.level)
    data = {f"score_{d.slug}": score for d in dimensions}
    data["covered"] = [i.pk for i in (items if covered is None else items[:covered])]
    return data


# Content ---------------------------------------------------------------------------------------


def test_the_shipped_bank_is_big_enough_and_complete(content):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("content_stats", "--json", stdout=out)
    stats = json.loads(out.getvalue())["questions"]
    assert stats["total"] >= 80 and stats["L6"] >= 30 and stats["L7"] >= 30
    for question in Question.objects.prefetch_related("levels", "checklist__level"):
        assert len(question.hints) >= 2 and len(question.follow_ups) >= 2, question.slug
        for level in question.levels.all():
            assert any(item.level == level for item in question.checklist.all()), (question.slug, level)
    assert set(Question.Kind.values) == set(Question.objects.values_list("kind", flat=True))
    dimensions = {d.slug: {lv.code for lv in d.levels.all()} for d in RubricDimension.objects.all()}
    assert len(dimensions) == 9
    assert dimensions["component-depth"] == {"L6"} and dimensions["platform-thinking"] == {"L7"}
    assert dimensions["trade-offs"] == {"L6", "L7"}
    for dimension in RubricDimension.objects.prefetch_related("anchors"):
        assert len(dimension.anchors.all()) == 4 * dimension.levels.count()


# Starting, saving, timing ----------------------------------------------------------------------


def test_starting_practice_creates_an_attempt_once(client_bob, bob, question):
    bob.target_level = question.levels.get(code="L6")
    bob.save()
    response = client_bob.post(reverse("interviews:start", args=[question.slug]))
    attempt = PracticeAttempt.objects.get(user=bob)
    assert response["Location"] == attempt.get_absolute_url()
    assert attempt.level.code == "L6" and attempt.duration == question.duration
    client_bob.post(reverse("interviews:start", args=[question.slug]))
    assert PracticeAttempt.objects.filter(user=bob).count() == 1  # resumed, not duplicated


def test_the_attempt_page_shows_the_editor_and_the_timer(client_bob, attempt):
    html = client_bob.get(attempt.get_absolute_url()).content.decode()
    for _key, label in ANSWER_SECTIONS:
        assert label in html
    assert 'id="timer"' in html and 'data-remaining="' in html
    assert "Reveal a hint" in html


def test_saving_is_versioned(client_bob, attempt):
    url = reverse("interviews:save", args=[attempt.pk])
    response = client_bob.post(url, answer_data(attempt, requirements="Reads dominate"))
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = client_bob.post(url, answer_data(attempt, requirements="from an old tab"))
    assert stale.status_code == 409 and stale.json()["error"] == STALE_ATTEMPT_MESSAGE
    attempt.refresh_from_db()
    assert attempt.answer["requirements"] == "Reads dominate"
    # A reload shows what was saved.
    assert "Reads dominate</textarea>" in client_bob.get(attempt.get_absolute_url()).content.decode()


def test_an_answer_over_200_kb_is_refused_clearly(client_bob, attempt):
    response = client_bob.post(
        reverse("interviews:save", args=[attempt.pk]), answer_data(attempt, design="x" * 200_001)
    )
    assert response.status_code == 422
    assert "limit is 200 KB" in response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.version == 1


def test_a_save_without_a_version_is_refused(client_bob, attempt):
    response = client_bob.post(reverse("interviews:save", args=[attempt.pk]), {"answer_design": "x"})
    assert response.status_code == 422 and "version" in response.json()["error"]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("attempt", "get"),
        ("save", "post"),
        ("timer", "post"),
        ("hint", "post"),
        ("finish", "get"),
        ("finish", "post"),
        ("result", "get"),
    ],
)
def test_another_users_attempt_is_a_404_and_unchanged(client, charlie, attempt, name, method):
    client.force_login(charlie)
    response = getattr(client, method)(
        reverse(f"interviews:{name}", args=[attempt.pk]), answer_data(attempt, design="x")
    )
    assert response.status_code == 404
    fresh = PracticeAttempt.objects.get(pk=attempt.pk)
    assert (fresh.version, fresh.hints_revealed, fresh.status, fresh.paused_at) == (1, 0, "in_progress", None)


def test_the_timer_lives_on_the_server_and_pauses(attempt):
    start = attempt.started_at
    assert attempt.remaining(start + datetime.timedelta(minutes=5)) == attempt.duration - datetime.timedelta(
        minutes=5
    )
    services.attempt_pause(attempt=attempt, paused=True, now=start + datetime.timedelta(minutes=5))
    attempt.refresh_from_db()
    assert attempt.remaining(start + datetime.timedelta(minutes=50)) == attempt.duration - datetime.timedelta(
        minutes=5
    )
    services.attempt_pause(attempt=attempt, paused=False, now=start + datetime.timedelta(minutes=15))
    attempt.refresh_from_db()
    assert attempt.remaining(start + datetime.timedelta(minutes=20)) == attempt.duration - datetime.timedelta(
        minutes=10
    )


def test_pause_and_resume_through_the_view(client_bob, attempt):
    url = reverse("interviews:timer", args=[attempt.pk])
    response = client_bob.post(url, {"action": "pause"}, headers=HTMX)
    assert b"Resume" in response.content and b"<html" not in response.content
    attempt.refresh_from_db()
    assert attempt.paused_at is not None
    client_bob.post(url, {"action": "resume"}, headers=HTMX)
    attempt.refresh_from_db()
    assert attempt.paused_at is None


def test_hints_are_revealed_one_at_a_time_and_counted(client_bob, attempt):
    url = reverse("interviews:hint", args=[attempt.pk])
    hints = attempt.question.hints
    response = client_bob.post(url, headers=HTMX)
    assert hints[0].encode() in response.content.replace(b"&#x27;", b"'") or b"1 of" in response.content
    assert hints[1] not in response.content.decode()
    for _ in range(len(hints) + 2):
        client_bob.post(url, headers=HTMX)
    attempt.refresh_from_db()
    assert attempt.hints_revealed == len(hints)


def test_the_preview_is_sanitised(client_bob, attempt):
    response = client_bob.post(
        reverse("interviews:preview"),
        {"answer_design": "**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1))"},
        headers={**HTMX, "HX-Trigger-Name": "answer_design"},
    )
    assert b"<strong>bold</strong>" in response.content
    assert_safe_html(response.content.decode())


# Finishing and spaced repetition ---------------------------------------------------------------


def test_finishing_rejects_invalid_ratings_and_keeps_the_ticks(client_bob, attempt):
    url = reverse("interviews:finish", args=[attempt.pk])
    data = finish_data(attempt, covered=2)
    first = next(k for k in data if k.startswith("score_"))
    data[first] = 5
    response = client_bob.post(url, data)
    assert response.status_code == 422
    assert b"Choose a score from 1 to 4" in response.content
    assert response.content.count(b"checked") >= 2
    del data[first]
    response = client_bob.post(url, data)
    assert response.status_code == 422 and b"from 1 to 4" in response.content
    data["covered"] = [999999]
    assert client_bob.post(url, data).status_code == 422
    attempt.refresh_from_db()
    assert attempt.status == "in_progress"


def test_finishing_schedules_the_review_fsrs_computes(client_bob, bob, attempt):
    before = timezone.now()
    response = client_bob.post(reverse("interviews:finish", args=[attempt.pk]), finish_data(attempt, score=3))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == "finished" and attempt.fsrs_rating == Rating.Good
    card = ReviewCard.objects.get(user=bob, question=attempt.question)
    expected, _ = SCHEDULER.review_card(
        Card(due=attempt.finished_at), Rating.Good, review_datetime=attempt.finished_at
    )
    assert card.due == expected.due
    assert card.due > before + datetime.timedelta(days=1)

    result = html.unescape(client_bob.get(reverse("interviews:result", args=[attempt.pk])).content.decode())
    assert "What they actually did" in result and attempt.question.case_studies.first().title in result
    assert card.due.strftime("%-d %b %Y") in result


def test_the_question_is_due_on_its_date(client_bob, bob, attempt, monkeypatch):
    client_bob.post(reverse("interviews:finish", args=[attempt.pk]), finish_data(attempt, score=2))
    card = ReviewCard.objects.get(user=bob)
    reviews = reverse("interviews:reviews")
    assert attempt.question.prompt not in client_bob.get(reviews).content.decode().replace("&#x27;", "'")

    monkeypatch.setattr("django.utils.timezone.now", lambda: card.due + datetime.timedelta(minutes=1))
    client_bob.force_login(bob)  # days later: the first session has run out (SESSION_IDLE_TIMEOUT)
    html = client_bob.get(reviews).content.decode().replace("&#x27;", "'")
    assert attempt.question.prompt in html
    bank = (
        client_bob.get(reverse("interviews:bank"), {"status": "due"}).content.decode().replace("&#x27;", "'")
    )
    assert attempt.question.prompt in bank and 'aria-label="1 due"' in bank


@pytest.mark.parametrize(
    ("coverage", "average", "rating"),
    [
        (0.2, 4, Rating.Again),
        (1, 1.5, Rating.Again),
        (0.6, 4, Rating.Hard),
        (0.8, 3, Rating.Good),
        (1, 3.6, Rating.Easy),
    ],
)
def test_the_rating_mapping(coverage, average, rating):
    assert rating_for(coverage=coverage, average=average) == rating


def test_history_lists_attempts_newest_first(client_bob, bob, question, attempt):
    client_bob.post(reverse("interviews:finish", args=[attempt.pk]), finish_data(attempt))
    second = services.attempt_start(user=bob, question=question)
    html = client_bob.get(reverse("interviews:question", args=[question.slug])).content.decode()
    assert html.index(f"/practice/attempts/{second.pk}/") < html.index(
        f"/practice/attempts/{attempt.pk}/result/"
    )


# The bank --------------------------------------------------------------------------------------


def test_the_bank_filters_in_place(client_bob, content):
    response = client_bob.get(reverse("interviews:bank"), {"kind": "estimation", "level": "L7"}, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html and 'id="results"' in html
    expected = Question.objects.filter(kind="estimation", levels__code="L7").count()
    assert html.count('class="card question-item"') == expected > 0
    assert client_bob.get(reverse("interviews:bank"), {"status": "new"}).content.count(b"question-item") == (
        Question.objects.count()
    )


def test_the_bank_rejects_unknown_filters(client_bob, content):
    assert client_bob.get(reverse("interviews:bank"), {"kind": "poetry"}).status_code == 400


def count_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_bank_and_practice_pages_keep_their_query_budget(client_bob, content, attempt):
    from casestudies.models import CaseStudy

    bank, practice = reverse("interviews:bank"), attempt.get_absolute_url()
    filtered = reverse("interviews:bank") + "?level=L6&status=new&case_study=dynamodb"
    counts = [count_queries(client_bob, url) for url in (bank, practice, filtered)]
    questions_bulk(2000 - Question.objects.count(), case_study=CaseStudy.objects.get(slug="dynamodb"))
    assert Question.objects.count() == 2000
    assert [count_queries(client_bob, url) for url in (bank, practice, filtered)] == counts


def test_a_nul_character_in_an_answer_is_refused_clearly_not_a_500(client_bob, attempt):
    # PostgreSQL's jsonb cannot store U+0000: the save used to fail with a 500 (found by test_fuzz).
    response = client_bob.post(
        reverse("interviews:save", args=[attempt.pk]), answer_data(attempt, design="cache\x00 in front")
    )
    assert response.status_code == 422 and "NUL character" in response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.version == 1 and attempt.answer == {}
