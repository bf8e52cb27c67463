"""Reads for practice pages, each with a fixed number of queries whatever the data size.

Access helpers (`attempt_for_user`, `question_for_page`) return the object or raise Http404.
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from casestudies.models import ChecklistItem, Decision, Question, RubricAnchor, RubricDimension, Section
from interviews.models import PracticeAttempt
from progress.models import ReviewCard


def questions_for_bank(
    *, user, level="", category="", kind="", case_study="", status="", now=None
) -> QuerySet:
    """Questions with the user's status (new, practised, due): 1 query."""
    now = now or timezone.now()
    practised = PracticeAttempt.objects.filter(
        user=user, question=OuterRef("pk"), status=PracticeAttempt.Status.FINISHED
    )
    due = ReviewCard.objects.filter(user=user, question=OuterRef("pk"), due__lte=now)
    # Only what the per-user part needs: the rest of each card is a cached fragment (interviews.fragments).
    questions = Question.objects.only("pk", "slug", "updated_at").annotate(
        is_practised=Exists(practised),
        is_due=Exists(due),
        due_reason=Subquery(due.values("due_reason")[:1]),
        due_reason_at=Subquery(due.values("due_reason_at")[:1]),
    )
    if level:
        questions = questions.filter(levels__code=level)
    if category:
        questions = questions.filter(category__slug=category)
    if kind:
        questions = questions.filter(kind=kind)
    if case_study:
        questions = questions.filter(case_studies__slug=case_study)
    if status == "new":
        questions = questions.filter(is_practised=False)
    elif status == "practised":
        questions = questions.filter(is_practised=True, is_due=False)
    elif status == "due":
        questions = questions.filter(is_due=True)
    return questions.distinct()


def question_for_page(slug: str) -> Question:
    question = (
        Question.objects.select_related("category")
        .prefetch_related("levels", "case_studies")
        .filter(slug=slug)
        .first()
    )
    if question is None:
        raise Http404("No such question.")
    return question


def attempts_for_question(*, user, question: Question) -> list[PracticeAttempt]:
    """The user's attempt history on one question, newest first."""
    return list(
        PracticeAttempt.objects.filter(user=user, question=question)
        .select_related("level")
        .prefetch_related("ratings")
        .order_by("-started_at")
    )


def attempt_for_user(*, user, pk: int) -> PracticeAttempt:
    """The user's own attempt, or 404: nobody reaches another's attempt by changing the id."""
    attempt = (
        PracticeAttempt.objects.select_related("question__category", "level").filter(pk=pk, user=user).first()
    )
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def rubric_for_level(level) -> list[RubricDimension]:
    """The level's dimensions with their anchors at that level: 2 queries."""
    return list(
        RubricDimension.objects.filter(levels=level).prefetch_related(
            Prefetch("anchors", queryset=RubricAnchor.objects.filter(level=level), to_attr="level_anchors")
        )
    )


def rubric_for_question(question: Question, level) -> list[RubricDimension]:
    """The level's dimensions this question exercises (its own list, else its kind's), with their anchors
    and calibration examples: 2 queries. Every dimension at the level if the question names none there."""
    dimensions = rubric_for_level(level)
    return [d for d in dimensions if question.exercises(d)] or dimensions


def checklist_for(question: Question, level) -> list[ChecklistItem]:
    """What a strong answer covers at a level (practice self-assessment, the mock interviewer's panel)."""
    return list(ChecklistItem.objects.filter(question=question, level=level))


def what_they_did(question: Question) -> list:
    """The linked case studies with their design decisions in full and the section they are told in,
    for "what they actually did": 3 queries."""
    return list(
        question.case_studies.prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("order")),
            Prefetch(
                "sections",
                queryset=Section.objects.filter(kind=Section.Kind.DECISIONS)
                .order_by("order")
                .only("case_study_id", "key"),
                to_attr="decision_sections",
            ),
        )
    )
