"""The scorecard's writes: the interviewer's draft, its submission (scores on the question's dimensions
only; "not assessed" counts nowhere) and the candidate's rating of the feedback."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casestudies.models import RubricDimension
from interviews.events import event_append
from interviews.models import Mock, Scorecard
from interviews.selectors.practice import rubric_for_question
from interviews.services.clock import timer_payload
from interviews.services.mocks import IllegalTransition, mock_locked, role_required
from progress.models import RubricTotal
from progress.services import review_cards_make_due, rubric_totals_add
from sdprep.versioning import StaleVersion


@transaction.atomic
def scorecard_save(
    *, mock: Mock, user, ratings: dict, signal: str, feedback: str, version: int, submit: bool = False
) -> Scorecard:
    """Save the interviewer's draft (during or after the mock); with submit (after it), check it is
    complete and show it to the candidate."""
    mock = mock_locked(mock)
    role_required(mock, user, "interviewer")
    if mock.state not in (Mock.State.LIVE, Mock.State.FEEDBACK):
        raise IllegalTransition("The scorecard is open from the start of the mock until it is submitted.")
    if submit and mock.state != Mock.State.FEEDBACK:
        raise IllegalTransition("Submit the scorecard after ending the mock; until then it is a draft.")
    scorecard = Scorecard.objects.select_for_update().get(mock=mock)
    if scorecard.version != version:
        raise StaleVersion
    scorecard.ratings, scorecard.signal, scorecard.feedback = ratings, signal, feedback
    scorecard.version = version + 1
    if submit:
        errors = scorecard_problems(mock, scorecard)
        if errors:
            raise ValidationError(errors)
        scorecard.submitted_at = timezone.now()
        mock.state = Mock.State.COMPLETED
        mock.save(update_fields=["state"])
        _weak_dimensions_due(mock, ratings, scorecard.submitted_at)
        _scores_to_totals(mock, ratings)
        event_append(mock, "timer", timer_payload(mock))
    scorecard.save()
    return scorecard


def _assessed(mock: Mock) -> list[RubricDimension]:
    """The dimensions this mock's question is scored on at its level (every one if it names none)."""
    return rubric_for_question(mock.question, mock.level)


def _scores(mock: Mock, ratings: dict) -> dict[RubricDimension, int]:
    """The 1-4 scores given on the question's dimensions, in rubric order: "not assessed" is not one."""
    scores = {d: (ratings.get(d.slug) or {}).get("score") for d in _assessed(mock)}
    return {d: score for d, score in scores.items() if score in (1, 2, 3, 4)}


def _scores_to_totals(mock: Mock, ratings: dict) -> None:
    scores = {d.pk: score for d, score in _scores(mock, ratings).items()}
    rubric_totals_add(user=mock.candidate, level=mock.level, source=RubricTotal.Source.MOCK, scores=scores)


def _weak_dimensions_due(mock: Mock, ratings: dict, now) -> None:
    """Dimensions scored 1 or 2 bring the candidate's questions that exercise them back for review."""
    weak = {d: score for d, score in _scores(mock, ratings).items() if score in (1, 2)}
    if not weak:
        return
    kinds = sorted({k for d in weak for k in d.question_kinds})
    scored = ", ".join(f"{d.name} scored {score}" for d, score in weak.items())
    review_cards_make_due(
        user=mock.candidate,
        level=mock.level,
        kinds=kinds,
        question=mock.question,
        now=now,
        reason=f"{scored} in your mock",
    )


def scorecard_problems(mock: Mock, scorecard: Scorecard) -> list[str]:
    problems, scored = [], 0
    for dimension in _assessed(mock):
        entry = scorecard.ratings.get(dimension.slug) or {}
        score = entry.get("score")
        if entry.get("not_assessed"):
            continue
        if score not in (1, 2, 3, 4):
            problems.append(f"Score {dimension.name} from 1 to 4, or mark it not assessed.")
        elif score in (1, 4) and not str(entry.get("evidence", "")).strip():
            problems.append(f"A {score} on {dimension.name} needs evidence: say what you saw.")
        else:
            scored += 1
    if not problems and not scored:
        problems.append("Score at least one dimension: with nothing assessed the candidate learns nothing.")
    if scorecard.signal not in {"strong_no_hire", "no_hire", "hire", "strong_hire"}:
        problems.append("Choose an overall signal.")
    if not scorecard.feedback.strip():
        problems.append("Write feedback for the candidate.")
    return problems


@transaction.atomic
def scorecard_rate(*, mock: Mock, user, usefulness: int, comment: str) -> Scorecard:
    mock = mock_locked(mock)
    role_required(mock, user, "candidate")
    if mock.state != Mock.State.COMPLETED:
        raise IllegalTransition("You can rate the feedback once the scorecard is submitted.")
    if usefulness not in range(1, 6):
        raise ValidationError("Rate the feedback's usefulness from 1 to 5.")
    scorecard = Scorecard.objects.select_for_update().get(mock=mock)
    scorecard.usefulness, scorecard.usefulness_comment = usefulness, comment
    scorecard.save(update_fields=["usefulness", "usefulness_comment"])
    return scorecard
