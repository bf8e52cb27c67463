"""Writes for solo practice. Every write that spans rows is one transaction."""

import json

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone

from casestudies.models import ChecklistItem, Question, RubricDimension
from interviews.models import ANSWER_MAX_BYTES, ANSWER_SECTIONS, AttemptRating, PracticeAttempt
from interviews.selectors.practice import rubric_for_question
from progress.models import RubricTotal
from progress.services import review_card_review, rubric_totals_add
from progress.srs import rating_for
from sdprep.versioning import StaleVersion

SECTION_KEYS = [key for key, _label in ANSWER_SECTIONS]
# PostgreSQL stores no NUL character in text or jsonb. No keyboard types one, but a paste can carry it.
reject_nul = ProhibitNullCharactersValidator(
    message="The text holds a NUL character, which cannot be stored: remove it and save again."
)


def sections_cleaned(content: dict) -> dict[str, str]:
    """An answer or scratchpad as its sections' text; ValidationError for text that cannot be stored."""
    cleaned = {key: str(content.get(key, "")) for key in SECTION_KEYS}
    for text in cleaned.values():
        reject_nul(text)
    return cleaned


def _locked(attempt: PracticeAttempt) -> PracticeAttempt:
    return PracticeAttempt.objects.select_for_update().get(pk=attempt.pk)


def _require_in_progress(attempt: PracticeAttempt) -> None:
    if attempt.is_finished:
        raise ValidationError("This attempt is finished; start a new one to practise again.")


@transaction.atomic
def attempt_start(*, user, question: Question) -> PracticeAttempt:
    """Resume the user's unfinished attempt at this question, or start one at their target level."""
    current = PracticeAttempt.objects.filter(
        user=user, question=question, status=PracticeAttempt.Status.IN_PROGRESS
    ).first()
    if current:
        return current
    levels = list(question.levels.all())
    level = next((lv for lv in levels if lv.pk == user.target_level_id), levels[0])
    return PracticeAttempt.objects.create(
        user=user, question=question, level=level, duration=question.duration
    )


@transaction.atomic
def attempt_save(*, attempt: PracticeAttempt, answer: dict[str, str], version: int) -> PracticeAttempt:
    attempt = _locked(attempt)
    _require_in_progress(attempt)
    if attempt.version != version:
        raise StaleVersion
    cleaned = sections_cleaned(answer)
    size = len(json.dumps(cleaned, ensure_ascii=False).encode())
    if size > ANSWER_MAX_BYTES:
        raise ValidationError(f"The answer is {size // 1000} KB; the limit is {ANSWER_MAX_BYTES // 1000} KB.")
    attempt.answer = cleaned
    attempt.version = version + 1
    attempt.save(update_fields=["answer", "version", "updated_at"])
    return attempt


@transaction.atomic
def attempt_pause(*, attempt: PracticeAttempt, paused: bool, now=None) -> PracticeAttempt:
    attempt, now = _locked(attempt), now or timezone.now()
    _require_in_progress(attempt)
    if paused and attempt.paused_at is None:
        attempt.paused_at = now
    elif not paused and attempt.paused_at is not None:
        attempt.paused_total += now - attempt.paused_at
        attempt.paused_at = None
    attempt.save(update_fields=["paused_at", "paused_total", "updated_at"])
    return attempt


@transaction.atomic
def attempt_reveal_hint(*, attempt: PracticeAttempt) -> PracticeAttempt:
    attempt = _locked(attempt)
    _require_in_progress(attempt)
    if attempt.hints_revealed < len(attempt.question.hints):
        attempt.hints_revealed += 1
        attempt.save(update_fields=["hints_revealed", "updated_at"])
    return attempt


@transaction.atomic
def attempt_finish(
    *, attempt: PracticeAttempt, checked: list[ChecklistItem], ratings: dict[RubricDimension, int], now=None
) -> PracticeAttempt:
    """Record the self-assessment, close the attempt and schedule the question's next review. Only
    scores on the dimensions the question exercises are kept: the others are not assessed."""
    attempt, now = _locked(attempt), now or timezone.now()
    _require_in_progress(attempt)
    assessed = {d.pk for d in rubric_for_question(attempt.question, attempt.level)}
    ratings = {dimension: score for dimension, score in ratings.items() if dimension.pk in assessed}
    if attempt.paused_at is not None:
        attempt.paused_total += now - attempt.paused_at
        attempt.paused_at = None
    total = ChecklistItem.objects.filter(question=attempt.question, level=attempt.level).count()
    coverage = len(checked) / total if total else 1.0
    average = sum(ratings.values()) / len(ratings) if ratings else 1.0
    rating = rating_for(coverage=coverage, average=average)
    attempt.status = PracticeAttempt.Status.FINISHED
    attempt.finished_at = now
    attempt.fsrs_rating = int(rating)
    attempt.save()
    attempt.checked_items.set(checked)
    AttemptRating.objects.bulk_create(
        AttemptRating(attempt=attempt, dimension=dimension, score=score)
        for dimension, score in ratings.items()
    )
    rubric_totals_add(
        user=attempt.user,
        level=attempt.level,
        source=RubricTotal.Source.SELF,
        scores={dimension.pk: score for dimension, score in ratings.items()},
    )
    review_card_review(user=attempt.user, question=attempt.question, rating=rating, now=now)
    return attempt
