"""The level aggregates every dashboard shares: content shape, member stats, readiness.

Access helpers: the project's convention, `<object>_for_<who>(*, user, pk)` returning the object or
raising Http404 (so a view needs no wrapping). This module defines none and checks no access: it reads
the users it is given, whom the caller already chose (the user themself, or the members of a team
`teams.selectors.team_for_manager` returned). `default_level` raises Http404 itself, likewise.

Every function issues a fixed number of queries whatever the data size: counts are grouped in SQL and
never fetched row by row. `level_stats` serves one user's dashboard and a manager's whole team alike,
and returns aggregates only (no notes, answers, scratchpads or written feedback ever leave it).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone

from casestudies.cache import content_cached
from casestudies.models import CaseStudy, Category, Level, Question, RubricDimension, Section
from interviews.models import Mock, PracticeAttempt
from progress.models import RubricTotal, StudiedSection
from progress.selectors import studied_counts


@dataclass(frozen=True)
class ReadinessModel:
    """The readiness formula. The dashboard prints it from these numbers, so page and code cannot drift."""

    study_weight: float = 0.2
    practice_weight: float = 0.2
    mock_weight: float = 0.2
    rubric_weight: float = 0.4
    practice_target: int = 20
    mock_target: int = 3


READINESS = ReadinessModel()


def default_level(user) -> Level:
    """The level a dashboard opens at: the user's target level, else the first one; Http404 if none."""
    level = user.target_level or Level.objects.first()
    if level is None:
        raise Http404("No levels are loaded yet.")
    return level


@dataclass
class ContentMap:
    """The shape of the content at one level, shared by every user's numbers."""

    level: Level
    categories: list[Category]
    case_studies: dict[int, dict]
    categories_of: dict[int, list[int]]
    case_studies_in: dict[int, int]
    questions_in: dict[int, int]
    dimensions: list[RubricDimension]

    @property
    def total_case_studies(self) -> int:
        return len(self.case_studies)


def content_map(level: Level) -> ContentMap:
    """Read once per process until the content changes (casestudies.cache): 1 query when cached, else 6."""
    return content_cached("content-map", lambda: _content_map_read(level), level.code)


def _content_map_read(level: Level) -> ContentMap:
    """5 queries: case studies with section counts, their categories, questions per category, categories,
    rubric dimensions."""
    case_studies = {
        row["id"]: row
        for row in CaseStudy.objects.published()
        .annotate(n_sections=Count("sections", filter=~Q(sections__kind__in=Section.TABBED_KINDS)))
        .order_by("number")
        .values("id", "slug", "title", "company", "n_sections")
    }
    categories_of: dict[int, list[int]] = defaultdict(list)
    case_studies_in: dict[int, int] = defaultdict(int)
    published = CaseStudy.categories.through.objects.filter(casestudy__published=True)
    for cs_id, cat_id in published.values_list("casestudy_id", "category_id"):
        categories_of[cs_id].append(cat_id)
        case_studies_in[cat_id] += 1
    questions_in = dict(
        Question.objects.filter(levels=level)
        .values("category_id")
        .annotate(n=Count("id"))
        .values_list("category_id", "n")
    )
    return ContentMap(
        level=level,
        categories=list(Category.objects.order_by("order", "name")),
        case_studies=case_studies,
        categories_of=dict(categories_of),
        case_studies_in=dict(case_studies_in),
        questions_in=questions_in,
        dimensions=list(RubricDimension.objects.filter(levels=level).order_by("order", "name")),
    )


# A dimension needs this many scores before its average can be called anyone's weakest.
MIN_EVIDENCE = 3


@dataclass
class MemberStats:
    """One user's aggregates at one level."""

    user_id: int
    studied_case_studies: set[int] = field(default_factory=set)
    practised: dict[int, int] = field(default_factory=dict)
    mocks: dict[int, int] = field(default_factory=dict)
    mocks_30d: int = 0
    last_mock_at: datetime.datetime | None = None
    self_scores: dict[str, tuple[float, int]] = field(default_factory=dict)
    mock_scores: dict[str, tuple[float, int]] = field(default_factory=dict)
    last_active: datetime.datetime | None = None
    _studied_by_category: dict[int, int] | None = field(default=None, repr=False)

    def studied_in(self, content: ContentMap, category_id: int) -> int:
        if self._studied_by_category is None:
            counts: dict[int, int] = defaultdict(int)
            for cs_id in self.studied_case_studies:
                for cat_id in content.categories_of.get(cs_id, ()):
                    counts[cat_id] += 1
            self._studied_by_category = counts
        return self._studied_by_category.get(category_id, 0)

    @property
    def questions_practised(self) -> int:
        return sum(self.practised.values())

    @property
    def mocks_done(self) -> int:
        return sum(self.mocks.values())

    def _parts(self, slug: str) -> list[tuple[float, int]]:
        return [s for s in (self.self_scores.get(slug), self.mock_scores.get(slug)) if s]

    def rubric(self, slug: str) -> float | None:
        """Mock and self-assessment scores together, each weighted by how many scores it holds."""
        total = self.scores_on(slug)
        return sum(avg * n for avg, n in self._parts(slug)) / total if total else None

    def scores_on(self, slug: str) -> int:
        """How many scores (self-assessed and mock) a dimension's average rests on."""
        return sum(n for _, n in self._parts(slug))

    def evidence_enough(self, slug: str) -> bool:
        return self.scores_on(slug) >= MIN_EVIDENCE

    @property
    def scores_total(self) -> int:
        return sum(n for _, n in [*self.self_scores.values(), *self.mock_scores.values()])

    def rubric_average(self, content: ContentMap) -> float | None:
        scores = [s for s in (self.rubric(d.slug) for d in content.dimensions) if s is not None]
        return sum(scores) / len(scores) if scores else None

    def weakest(self, content: ContentMap) -> RubricDimension | None:
        """The lowest average among dimensions with enough evidence: one low score is not a weakness."""
        scored = [
            (self.rubric(d.slug), d.order, d) for d in content.dimensions if self.evidence_enough(d.slug)
        ]
        return min(scored, key=lambda s: (s[0], s[1]))[2] if scored else None

    def category_coverage(self, content: ContentMap, category_id: int) -> float:
        """Share of the category covered: case studies studied and questions practised, equally weighted."""
        shares = []
        if content.case_studies_in.get(category_id):
            shares.append(self.studied_in(content, category_id) / content.case_studies_in[category_id])
        if content.questions_in.get(category_id):
            shares.append(min(self.practised.get(category_id, 0) / content.questions_in[category_id], 1))
        return sum(shares) / len(shares) if shares else 0.0


def level_stats(
    *, user_ids: list[int], level: Level, content: ContentMap, now=None
) -> dict[int, MemberStats]:
    """Aggregates for any number of users at a level: 5 queries (rubric scores from the running totals)."""
    now = now or timezone.now()
    stats = {uid: MemberStats(user_id=uid) for uid in user_ids}
    sections = {cs_id: row["n_sections"] for cs_id, row in content.case_studies.items()}
    for (uid, cs_id), n in studied_counts(user_ids=user_ids).items():
        # A case study counts as studied once at least half of its sections are marked.
        if sections.get(cs_id) and 2 * n >= sections[cs_id]:
            stats[uid].studied_case_studies.add(cs_id)
    practised = (
        PracticeAttempt.objects.filter(
            user_id__in=user_ids, level=level, status=PracticeAttempt.Status.FINISHED
        )
        .values("user_id", "question__category_id")
        .annotate(n=Count("question_id", distinct=True))
        .values_list("user_id", "question__category_id", "n")
    )
    for uid, cat_id, n in practised:
        stats[uid].practised[cat_id] = n
    mocks = (
        Mock.objects.filter(candidate_id__in=user_ids, level=level, state=Mock.State.COMPLETED)
        .values("candidate_id", "question__category_id")
        .annotate(
            n=Count("id"),
            recent=Count("id", filter=Q(ended_at__gte=now - datetime.timedelta(days=30))),
            last=Max("ended_at"),
        )
        .values_list("candidate_id", "question__category_id", "n", "recent", "last")
    )
    for uid, cat_id, n, recent, last in mocks:
        member = stats[uid]
        member.mocks[cat_id] = n
        member.mocks_30d += recent
        if last and (member.last_mock_at is None or last > member.last_mock_at):
            member.last_mock_at = last
    totals = RubricTotal.objects.filter(user_id__in=user_ids, level=level).values_list(
        "user_id", "dimension__slug", "source", "score_sum", "score_count"
    )
    for uid, slug, source, score_sum, count in totals:
        if count:
            scores = stats[uid].self_scores if source == RubricTotal.Source.SELF else stats[uid].mock_scores
            scores[slug] = (score_sum / count, count)
    for uid, last in _last_active(user_ids):
        stats[uid].last_active = last
    return stats


def _last_active(user_ids: list[int]) -> list[tuple]:
    """The latest practice, study or mock activity per user, at any level."""
    attempt, studied, mock = (
        PracticeAttempt._meta.db_table,
        StudiedSection._meta.db_table,
        Mock._meta.db_table,
    )
    # One index probe per user and table (MAX over (user, time) indexes), not a scan of their rows.
    sql = f"""
        SELECT u.id, GREATEST(
            (SELECT MAX(updated_at) FROM {attempt} WHERE user_id = u.id),
            (SELECT MAX(studied_at) FROM {studied} WHERE user_id = u.id),
            (SELECT MAX(COALESCE(ended_at, started_at)) FROM {mock}
             WHERE candidate_id = u.id AND started_at IS NOT NULL),
            (SELECT MAX(COALESCE(ended_at, started_at)) FROM {mock}
             WHERE interviewer_id = u.id AND started_at IS NOT NULL)
        )
        FROM unnest(%s::bigint[]) AS u(id)
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(user_ids)])
        return [row for row in cursor.fetchall() if row[1] is not None]


# --- readiness ---------------------------------------------------------------------------------------


@dataclass
class Readiness:
    score: int
    study: float
    practice: float
    mocks: float
    rubric: float
    raisers: list[dict]
    rubric_scores: int = 0


def readiness_for(stats: MemberStats, content: ContentMap, model: ReadinessModel = READINESS) -> Readiness:
    """Readiness 0 to 100 and the next steps that raise it most, each with its gain in points."""
    total = content.total_case_studies
    study = len(stats.studied_case_studies) / total if total else 0.0
    practice = min(stats.questions_practised / model.practice_target, 1.0)
    mocks = min(stats.mocks_done / model.mock_target, 1.0)
    # Unscored dimensions count as 1 (the floor): the rubric part grows only with evidence.
    dims = content.dimensions
    floor_sum = sum((stats.rubric(d.slug) or 1.0) - 1.0 for d in dims)
    rubric = floor_sum / (3 * len(dims)) if dims else 0.0
    score = 100 * (
        model.study_weight * study
        + model.practice_weight * practice
        + model.mock_weight * mocks
        + model.rubric_weight * rubric
    )
    raisers = []
    if total and study < 1:
        raisers.append({"kind": "study", "gain": 100 * model.study_weight / total})
    if practice < 1:
        raisers.append({"kind": "practice", "gain": 100 * model.practice_weight / model.practice_target})
    if mocks < 1:
        raisers.append({"kind": "mock", "gain": 100 * model.mock_weight / model.mock_target})
    weakest = stats.weakest(content) or (dims[0] if dims else None)
    current = stats.rubric(weakest.slug) if weakest else None
    if weakest and (current or 1.0) < 4:
        step = min(1.0, 4 - (current or 1.0))
        gain = 100 * model.rubric_weight * step / (3 * len(dims))
        raisers.append({"kind": "rubric", "dimension": weakest, "gain": gain})
    raisers.sort(key=lambda r: -r["gain"])
    return Readiness(
        score=round(score),
        study=study,
        practice=practice,
        mocks=mocks,
        rubric=rubric,
        raisers=raisers,
        rubric_scores=stats.scores_total,
    )
