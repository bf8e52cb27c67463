"""The level dashboards' reads: coverage, rubric averages and trend, activity, readiness, suggestions.

Every function issues a fixed number of queries whatever the data size: counts are grouped in SQL and
never fetched row by row. `level_stats` serves one user's dashboard and a manager's whole team alike,
and returns aggregates only (no notes, answers, scratchpads or written feedback ever leave it).
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone

from casestudies.models import CaseStudy, Category, Level, Question, RubricDimension
from interviews.models import AttemptRating, Mock, PracticeAttempt, Scorecard
from progress.models import RubricTotal, StudiedSection

ACTIVITY_WEEKS = 12
TREND_POINTS = 12
MOCK_GAP_DAYS = 14


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
    """5 queries: case studies with section counts, their categories, questions per category, categories,
    rubric dimensions."""
    case_studies = {
        row["id"]: row
        for row in CaseStudy.objects.annotate(n_sections=Count("sections"))
        .order_by("number")
        .values("id", "slug", "title", "company", "n_sections")
    }
    categories_of: dict[int, list[int]] = defaultdict(list)
    case_studies_in: dict[int, int] = defaultdict(int)
    for cs_id, cat_id in CaseStudy.categories.through.objects.values_list("casestudy_id", "category_id"):
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

    def rubric(self, slug: str) -> float | None:
        """Mock and self-assessment scores together, each weighted by how many scores it holds."""
        parts = [s for s in (self.self_scores.get(slug), self.mock_scores.get(slug)) if s]
        total = sum(n for _, n in parts)
        return sum(avg * n for avg, n in parts) / total if total else None

    def rubric_average(self, content: ContentMap) -> float | None:
        scores = [s for s in (self.rubric(d.slug) for d in content.dimensions) if s is not None]
        return sum(scores) / len(scores) if scores else None

    def weakest(self, content: ContentMap) -> RubricDimension | None:
        scored = [(self.rubric(d.slug), d.order, d) for d in content.dimensions]
        scored = [s for s in scored if s[0] is not None]
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
    studied = (
        StudiedSection.objects.filter(user_id__in=user_ids)
        .values("user_id", "section__case_study_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "section__case_study_id", "n")
    )
    for uid, cs_id, n in studied:
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
        score=round(score), study=study, practice=practice, mocks=mocks, rubric=rubric, raisers=raisers
    )


# --- one user's dashboard ------------------------------------------------------------------------------


def rubric_trend(*, user, level: Level, limit: int = TREND_POINTS) -> list[dict]:
    """The last `limit` assessments (self-assessed practice and submitted mock scorecards), oldest first,
    each with its per-dimension scores: 1 query."""
    attempt, rating, dimension = (
        PracticeAttempt._meta.db_table,
        AttemptRating._meta.db_table,
        RubricDimension._meta.db_table,
    )
    scorecard, mock = Scorecard._meta.db_table, Mock._meta.db_table
    sql = f"""
        WITH recent_self AS (
            SELECT a.id, a.finished_at AS at FROM {attempt} a
            WHERE a.user_id = %(user)s AND a.level_id = %(level)s AND a.finished_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM {rating} r WHERE r.attempt_id = a.id)
            ORDER BY a.finished_at DESC LIMIT %(limit)s
        ), recent_mock AS (
            SELECT s.id, s.submitted_at AS at, s.ratings FROM {scorecard} s
            JOIN {mock} m ON m.id = s.mock_id
            WHERE m.candidate_id = %(user)s AND m.level_id = %(level)s AND s.submitted_at IS NOT NULL
            ORDER BY s.submitted_at DESC LIMIT %(limit)s
        )
        SELECT 'self', rs.id, rs.at, d.slug, r.score FROM recent_self rs
        JOIN {rating} r ON r.attempt_id = rs.id JOIN {dimension} d ON d.id = r.dimension_id
        UNION ALL
        SELECT 'mock', rm.id, rm.at, j.key, (j.value->>'score')::int FROM recent_mock rm
        CROSS JOIN LATERAL jsonb_each(rm.ratings) j
        WHERE jsonb_typeof(j.value) = 'object' AND (j.value->>'score') ~ '^[1-4]$'
    """  # noqa: S608
    points: dict[tuple[str, int], dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"user": user.pk, "level": level.pk, "limit": limit})
        for kind, pk, at, slug, score in cursor.fetchall():
            point = points.setdefault((kind, pk), {"kind": kind, "at": at, "scores": {}})
            point["scores"][slug] = score
    ordered = sorted(points.values(), key=lambda p: p["at"])[-limit:]
    for point in ordered:
        point["average"] = sum(point["scores"].values()) / len(point["scores"])
    return ordered


def activity_calendar(*, user, now=None, weeks: int = ACTIVITY_WEEKS) -> dict:
    """Activities per day in the user's time zone over the last `weeks` weeks, Monday-first: 1 query."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    today = timezone.localtime(now, zone).date()
    first = today - datetime.timedelta(days=today.weekday() + 7 * (weeks - 1))
    since = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    attempt, studied, mock = (
        PracticeAttempt._meta.db_table,
        StudiedSection._meta.db_table,
        Mock._meta.db_table,
    )
    sql = f"""
        SELECT day, SUM(n) FROM (
            SELECT (finished_at AT TIME ZONE %(tz)s)::date AS day, COUNT(*) AS n FROM {attempt}
            WHERE user_id = %(user)s AND finished_at >= %(since)s GROUP BY 1
            UNION ALL
            SELECT (studied_at AT TIME ZONE %(tz)s)::date, COUNT(*) FROM {studied}
            WHERE user_id = %(user)s AND studied_at >= %(since)s GROUP BY 1
            UNION ALL
            SELECT (ended_at AT TIME ZONE %(tz)s)::date, COUNT(*) FROM {mock}
            WHERE (candidate_id = %(user)s OR interviewer_id = %(user)s) AND state = 'completed'
              AND ended_at >= %(since)s GROUP BY 1
        ) activity GROUP BY day
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {"tz": str(zone), "user": user.pk, "since": since})
        counts = {day: int(n) for day, n in cursor.fetchall()}
    columns = []
    for week in range(weeks):
        days = []
        for weekday in range(7):
            day = first + datetime.timedelta(days=7 * week + weekday)
            n = counts.get(day, 0) if day <= today else None
            label = f"{day:%a} {day.day} {day:%b}: " + ("ahead" if n is None else str(n))
            days.append({"date": day, "count": n, "shade": _shade(n), "label": label})
        columns.append(days)
    active = [n for n in counts.values() if n]
    return {"weeks": columns, "active_days": len(active), "total": sum(active), "first": first, "last": today}


def _shade(n: int | None) -> int:
    if not n:
        return 0
    return 1 if n <= 2 else 2 if n <= 5 else 3


def suggestions_for(*, user, stats: MemberStats, content: ContentMap, now=None, limit: int = 3) -> dict:
    """Next-best steps: questions for the weakest dimension, case studies of uncovered categories,
    and a mock when none was done or booked in the last 14 days: 2 queries."""
    now = now or timezone.now()
    weakest = stats.weakest(content) or (content.dimensions[0] if content.dimensions else None)
    questions = []
    if weakest:
        practised = PracticeAttempt.objects.filter(user=user, level=content.level).values("question_id")
        questions = list(
            Question.objects.filter(levels=content.level, kind__in=weakest.question_kinds)
            .exclude(pk__in=practised)
            .select_related("category")
            .order_by("category__order", "slug")[:limit]
        )
    uncovered = [
        c
        for c in content.categories
        if c.pk in content.case_studies_in and not stats.studied_in(content, c.pk)
    ]
    case_studies = []
    for category in uncovered:
        for cs_id, categories in content.categories_of.items():
            if category.pk in categories and cs_id not in stats.studied_case_studies:
                case_studies.append({**content.case_studies[cs_id], "category": category})
                break
        if len(case_studies) >= limit:
            break
    recent_mock = (
        Mock.objects.filter(candidate=user, scheduled_at__gte=now - datetime.timedelta(days=MOCK_GAP_DAYS))
        .exclude(state__in=[Mock.State.CANCELLED, Mock.State.NO_SHOW])
        .exists()
    )
    return {
        "weakest": weakest,
        "questions": questions,
        "case_studies": case_studies,
        "mock_due": not recent_mock,
    }


def countdown_plan(*, user, stats: MemberStats, content: ContentMap, today: datetime.date) -> dict | None:
    """Weeks until the interview date, each with what to cover; no query."""
    if not user.interview_date or user.interview_date < today:
        return None
    days = (user.interview_date - today).days
    weeks = max(1, math.ceil(days / 7))
    to_study = [cs for cs_id, cs in content.case_studies.items() if cs_id not in stats.studied_case_studies]
    to_practise = max(READINESS.practice_target - stats.questions_practised, 0)
    per_week_study = math.ceil(len(to_study) / weeks) if to_study else 0
    per_week_practice = math.ceil(to_practise / weeks) if to_practise else 0
    plan = []
    for week in range(weeks):
        start = today + datetime.timedelta(days=7 * week)
        end = min(start + datetime.timedelta(days=6), user.interview_date)
        last = week == weeks - 1
        plan.append(
            {
                "number": week + 1,
                "start": start,
                "end": end,
                "case_studies": to_study[week * per_week_study : (week + 1) * per_week_study],
                "questions": per_week_practice,
                "mock": True,
                "final": last,
            }
        )
    return {"date": user.interview_date, "days": days, "weeks": weeks, "plan": plan}


def dashboard_for_user(*, user, level: Level, now=None, private: bool = True) -> dict:
    """Everything on one level's dashboard: 16 queries whatever the data size.

    `private=False` is a manager's drill-down: the aggregates only, without the due questions, the
    suggestions or the plan (12 queries)."""
    from progress.selectors.study import due_reviews_for_user

    now = now or timezone.now()
    content = content_map(level)  # 5 queries
    stats = level_stats(user_ids=[user.pk], level=level, content=content, now=now)[user.pk]  # 5
    due = due_reviews_for_user(user=user, now=now)
    data = {
        "level": level,
        "model": READINESS,
        "content": content,
        "stats": stats,
        "coverage": coverage_rows(stats, content),
        "rubric": rubric_rows(stats, content, rubric_trend(user=user, level=level)),  # 1
        "readiness": readiness_for(stats, content),
        "activity": activity_calendar(user=user, now=now),  # 1
        "due_count": due.count(),  # 1
    }
    if private:
        data["due_next"] = list(due[:5])  # 1
        data["suggestions"] = suggestions_for(user=user, stats=stats, content=content, now=now)  # 2
        data["plan"] = countdown_plan(
            user=user, stats=stats, content=content, today=timezone.localtime(now).date()
        )
    return data


def coverage_rows(stats: MemberStats, content: ContentMap) -> list[dict]:
    rows = []
    for category in content.categories:
        cs_total = content.case_studies_in.get(category.pk, 0)
        q_total = content.questions_in.get(category.pk, 0)
        if not cs_total and not q_total:
            continue
        studied = stats.studied_in(content, category.pk)
        practised = stats.practised.get(category.pk, 0)
        rows.append(
            {
                "category": category,
                "studied": studied,
                "case_studies": cs_total,
                "studied_share": studied / cs_total if cs_total else None,
                "practised": practised,
                "questions": q_total,
                "practised_share": min(practised / q_total, 1) if q_total else None,
                "mocks": stats.mocks.get(category.pk, 0),
                "coverage": stats.category_coverage(content, category.pk),
            }
        )
    return rows


def rubric_rows(stats: MemberStats, content: ContentMap, trend: list[dict]) -> dict:
    rows = []
    weakest = stats.weakest(content)
    for dimension in content.dimensions:
        series = [p["scores"][dimension.slug] for p in trend if dimension.slug in p["scores"]]
        rows.append(
            {
                "dimension": dimension,
                "average": stats.rubric(dimension.slug),
                "self": stats.self_scores.get(dimension.slug),
                "mock": stats.mock_scores.get(dimension.slug),
                "series": series,
                "weakest": weakest is not None and dimension.pk == weakest.pk,
            }
        )
    return {"rows": rows, "trend": trend, "average": stats.rubric_average(content)}
