"""One user's level dashboard: rubric trend, activity calendar, suggestions, countdown plan.

Access helpers: the project's convention, `<object>_for_<who>(*, user, pk)` returning the object or
raising Http404 (so a view needs no wrapping). This module defines none: every function reads the `user`
it is passed, and the views pass `request.user` (their own dashboard) or a member that
`teams.selectors.member_of` returned after `team_for_manager` (a manager's drill-down). The shared
aggregates come from `dashboards.selectors.stats`.
"""

from __future__ import annotations

import datetime
import math

from django.db import connection
from django.utils import timezone

from casestudies.models import Level, Question, RubricDimension
from dashboards.selectors.stats import (
    READINESS,
    ContentMap,
    MemberStats,
    content_map,
    level_stats,
    readiness_for,
)
from interviews.models import AttemptRating, Mock, PracticeAttempt, Scorecard
from progress.models import StudiedSection
from progress.selectors.study import due_reviews_for_user

ACTIVITY_WEEKS = 12
TREND_POINTS = 12
MOCK_GAP_DAYS = 14


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
                "count": stats.scores_on(dimension.slug),
                "enough": stats.evidence_enough(dimension.slug),
                "weakest": weakest is not None and dimension.pk == weakest.pk,
            }
        )
    return {"rows": rows, "trend": trend, "average": stats.rubric_average(content)}
