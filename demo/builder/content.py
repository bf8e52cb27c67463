"""A read-only snapshot of the content the demo data points at, loaded in a handful of queries."""

from collections import defaultdict
from dataclasses import dataclass

from casestudies.models import CaseStudy, ChecklistItem, Level, Question, RubricDimension, Section


class NoContent(Exception):
    """The question bank is empty: there is nothing to practise yet."""


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    category_id: int
    kind: str
    minutes: int
    hints: int


@dataclass
class Content:
    level_ids: dict[str, int]
    questions: dict[int, list[QuestionInfo]]  # level id -> questions asked at that level
    dimensions: dict[int, list[tuple[int, str]]]  # level id -> (dimension id, slug)
    # (question id, level id) -> the dimensions it is scored on there (Question.exercises)
    assessed: dict[tuple[int, int], list[tuple[int, str]]]
    dimension_slugs: list[str]
    checklist: dict[tuple[int, int], list[int]]  # (question id, level id) -> checklist item ids
    sections: list[tuple[int, int]]  # (section id, case study id)
    study_categories: dict[int, list[int]]  # case study id -> its category ids
    category_ids: list[int]


def content_load() -> Content:
    """Everything the builder needs from the content tables; raises NoContent without questions."""
    questions: dict[int, list[QuestionInfo]] = defaultdict(list)
    category_ids: set[int] = set()
    all_dimensions = list(RubricDimension.objects.prefetch_related("levels").order_by("order", "slug"))
    assessed: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for question in Question.objects.prefetch_related("levels").order_by("slug"):
        info = QuestionInfo(
            question.pk, question.category_id, question.kind, question.duration_minutes, len(question.hints)
        )
        category_ids.add(question.category_id)
        for level in question.levels.all():
            questions[level.pk].append(info)
            at_level = [d for d in all_dimensions if level in d.levels.all()]
            chosen = [d for d in at_level if question.exercises(d)] or at_level
            assessed[(question.pk, level.pk)] = [(d.pk, d.slug) for d in chosen]
    if not questions:
        raise NoContent("There are no questions yet: run `python manage.py load_content` first.")
    dimensions: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for dimension in all_dimensions:
        for level in dimension.levels.all():
            dimensions[level.pk].append((dimension.pk, dimension.slug))
    checklist: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pk, question_id, level_id in ChecklistItem.objects.values_list("pk", "question_id", "level_id"):
        checklist[(question_id, level_id)].append(pk)
    study_categories: dict[int, list[int]] = defaultdict(list)
    for study_id, category_id in CaseStudy.categories.through.objects.values_list(
        "casestudy_id", "category_id"
    ):
        study_categories[study_id].append(category_id)
    return Content(
        level_ids={code: pk for code, pk in Level.objects.values_list("code", "pk") if pk in questions},
        questions=dict(questions),
        dimensions=dict(dimensions),
        assessed=assessed,
        dimension_slugs=list(
            RubricDimension.objects.order_by("order", "slug").values_list("slug", flat=True)
        ),
        checklist=dict(checklist),
        sections=list(Section.objects.order_by("pk").values_list("pk", "case_study_id")),
        study_categories=dict(study_categories),
        category_ids=sorted(category_ids),
    )
