"""Reads of curated content, each with a fixed number of queries whatever the data size.

Content is open to every signed-in user; the lookups by slug or id (`case_study_for_page`,
`case_study_by_slug`, `section_by_pk`) raise Http404 when nothing matches, like every access helper.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from casestudies.cache import content_cached
from casestudies.models import (
    CaseStudy,
    Category,
    CategoryFocus,
    CodeSample,
    Decision,
    Diagram,
    Fact,
    InterviewPoint,
    Lesson,
    Level,
    Question,
    RubricAnchor,
    Section,
)

HEADLINE_FACTS = 3


def content_stats() -> dict:
    levels = list(Level.objects.values_list("code", flat=True))
    return {
        "case_studies": CaseStudy.objects.published().count(),
        "categories": Category.objects.count(),
        "sections": Section.objects.count(),
        "diagrams": Diagram.objects.count(),
        "code_samples": CodeSample.objects.count(),
        "decisions": Decision.objects.count(),
        "questions": _question_counts(levels),
        **_kit_counts(),
    }


def _kit_counts() -> dict:
    """The interviewer's kit: curveballs, probes (hints and follow-ups) tagged with a phase, questions
    naming their own rubric dimensions, and calibration examples on the rubric's anchors."""
    rows = Question.objects.values_list("curveballs", "hint_phases", "follow_up_phases", "dimension_slugs")
    counts = {"curveballs": 0, "phase_tagged_hints": 0, "untagged_hints": 0, "questions_own_dimensions": 0}
    for curveballs, hint_phases, follow_up_phases, dimension_slugs in rows:
        phases = [*hint_phases, *follow_up_phases]
        counts["curveballs"] += len(curveballs)
        counts["phase_tagged_hints"] += sum(1 for phase in phases if phase)
        counts["untagged_hints"] += sum(1 for phase in phases if not phase)
        counts["questions_own_dimensions"] += bool(dimension_slugs)
    counts["calibration_examples"] = RubricAnchor.objects.exclude(example="").count()
    return counts


def _question_counts(levels: list[str]) -> dict:
    """Per level (a question for both levels counts in each) and in total."""
    per_level = dict(
        Question.levels.through.objects.values("level__code")
        .annotate(n=Count("id"))
        .values_list("level__code", "n")
    )
    return {**{code: per_level.get(code, 0) for code in levels}, "total": Question.objects.count()}


def level_for_code(code: str) -> Level | None:
    """The level a URL names by its code, or None. A NUL byte names none: PostgreSQL cannot compare it."""
    if "\x00" in code:
        return None
    return Level.objects.filter(code=code).first()


def library_cards(*, category: str = "", level: str = "", group: str = "") -> list[CaseStudy]:
    """The library index's cards, read once per process until the content changes (casestudies.cache):
    1 query when cached (the content's stamp), else 5."""
    return content_cached(
        "library",
        lambda: list(case_studies_for_library(category=category, level=level, group=group)),
        category,
        level,
        group,
    )


def case_studies_for_library(*, category: str = "", level: str = "", group: str = "") -> QuerySet[CaseStudy]:
    """Cards for the library index: 4 queries (studies, categories, their focus at the level, facts)."""
    studies = CaseStudy.objects.published()
    if category:
        studies = studies.filter(categories__slug=category)
    if group:
        studies = studies.filter(group=group)
    focus = CategoryFocus.objects.select_related("level")
    if level:
        focus = focus.filter(level__code=level)
    headline_facts = Fact.objects.filter(order__lt=HEADLINE_FACTS)
    return studies.prefetch_related(
        Prefetch(
            "categories", queryset=Category.objects.prefetch_related(Prefetch("focuses", queryset=focus))
        ),
        Prefetch("facts", queryset=headline_facts, to_attr="headline_facts"),
    ).annotate(
        point_count=Count(
            "interviewpoints", filter=Q(interviewpoints__level__code=level) if level else Q(), distinct=True
        ),
        section_count=Count("sections", filter=~Q(sections__kind__in=Section.TABBED_KINDS), distinct=True),
    )


def case_study_for_page(slug: str) -> CaseStudy:
    """Everything the case-study page shows, read once per process until the content changes
    (casestudies.cache): 1 query when cached, else 7; 404 if there is no such study."""
    return content_cached("case-study", lambda: _case_study_read(slug), slug)


def _case_study_read(slug: str) -> CaseStudy:
    case_study = (
        CaseStudy.objects.prefetch_related(
            "categories",
            "facts",
            Prefetch("sections", queryset=Section.objects.order_by("order")),
            Prefetch("lessons", queryset=Lesson.objects.select_related("level")),
            Prefetch("interviewpoints", queryset=InterviewPoint.objects.select_related("level")),
        )
        .published()
        .filter(slug=slug)
        .first()
    )
    if case_study is None:
        raise Http404("No such case study.")
    return case_study


def case_study_by_slug(slug: str) -> CaseStudy:
    case_study = CaseStudy.objects.published().filter(slug=slug).first()
    if case_study is None:
        raise Http404("No such case study.")
    return case_study


def section_by_pk(pk: int) -> Section:
    section = Section.objects.select_related("case_study").filter(pk=pk, case_study__published=True).first()
    if section is None:
        raise Http404("No such section.")
    return section


def points_by_level(case_study: CaseStudy) -> list[dict]:
    """Lessons, interview application points and tips grouped per level, from prefetched rows."""
    general = [lesson for lesson in case_study.lessons.all() if lesson.level is None]
    levels: dict[str, dict] = {}

    def bucket(level):
        return levels.setdefault(
            level.code, {"level": level, "lessons": [], "application": [], "tips": [], "general": general}
        )

    for lesson in case_study.lessons.all():
        if lesson.level is not None:
            bucket(lesson.level)["lessons"].append(lesson.text)
    for point in case_study.interviewpoints.all():
        key = "application" if point.kind == InterviewPoint.Kind.APPLICATION else "tips"
        bucket(point.level)[key].append(point.text)
    return sorted(levels.values(), key=lambda b: (b["level"].order, b["level"].code))
