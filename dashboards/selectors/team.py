"""What a manager reads about a team at a level: aggregates only, never notes, answers or feedback.

Access helpers: the project's convention, `<object>_for_<who>(*, user, pk)` returning the object or
raising Http404 (so a view needs no wrapping). The views call `teams.selectors.team_for_manager` (and
`member_of` for a drill-down), 404 for members and outsiders alike, before anything here runs; these
functions take a team already checked and check nothing again.

The numbers come from the shared level aggregates (`dashboards.selectors.stats`), so a member's
drill-down shows exactly what their own dashboard computes; nothing here reads a text column a member
wrote.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from casestudies.models import Level
from dashboards.selectors.stats import (
    ContentMap,
    MemberStats,
    content_map,
    level_stats,
    readiness_for,
)
from teams.models import Membership, Team


@dataclass
class MemberRow:
    membership: Membership
    stats: MemberStats
    coverage: list[dict]
    readiness: int
    rubric_average: float | None
    weakest: str

    @property
    def user(self):
        return self.membership.user


def team_report(*, team: Team, level: Level, now=None) -> dict:
    """The heatmap, mocks in 30 days, rubric averages, weakest dimension and last activity of every
    member: 12 queries whatever the team's size or history."""
    now = now or timezone.now()
    memberships = list(
        Membership.objects.filter(team=team)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
    content = content_map(level)
    stats = level_stats(user_ids=[m.user_id for m in memberships], level=level, content=content, now=now)
    categories = _covered_categories(content)
    rows = [_member_row(m, stats[m.user_id], content, categories) for m in memberships]
    return {
        "team": team,
        "level": level,
        "content": content,
        "rows": rows,
        "categories": categories,
        "dimensions": _team_dimensions(rows, content),
        "mocks_30d": sum(r.stats.mocks_30d for r in rows),
        "readiness": round(sum(r.readiness for r in rows) / len(rows)) if rows else 0,
    }


def _covered_categories(content: ContentMap) -> list:
    return [c for c in content.categories if c.pk in content.case_studies_in or c.pk in content.questions_in]


def _member_row(
    membership: Membership, stats: MemberStats, content: ContentMap, categories: list
) -> MemberRow:
    weakest = stats.weakest(content)
    return MemberRow(
        membership=membership,
        stats=stats,
        coverage=[{"category": c, "share": stats.category_coverage(content, c.pk)} for c in categories],
        readiness=readiness_for(stats, content).score,
        rubric_average=stats.rubric_average(content),
        weakest=weakest.name if weakest else "",
    )


def _team_dimensions(rows: list[MemberRow], content: ContentMap) -> list[dict]:
    """Each dimension's mean over the members who have a score in it."""
    dimensions = []
    for dimension in content.dimensions:
        scores = [s for s in (r.stats.rubric(dimension.slug) for r in rows) if s is not None]
        dimensions.append(
            {
                "dimension": dimension,
                "average": sum(scores) / len(scores) if scores else None,
                "scored": len(scores),
                "weakest_for": sum(1 for r in rows if r.weakest == dimension.name),
            }
        )
    return dimensions


CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Spreadsheet-safe text: a name beginning like a formula is quoted, so opening the CSV runs nothing."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_PREFIXES) else text


def team_csv_rows(report: dict) -> list[list[str]]:
    """The team page's aggregates as CSV rows, header first."""
    categories, dimensions = report["categories"], report["dimensions"]
    header = [
        "member",
        "email",
        "role",
        "level",
        "readiness",
        "case studies studied",
        "questions practised",
        "mocks done",
        "mocks last 30 days",
        "rubric average",
        "weakest dimension",
        "last active (UTC)",
        *[f"coverage: {c.name}" for c in categories],
        *[f"rubric: {d['dimension'].name}" for d in dimensions],
    ]
    rows = [header]
    for row in report["rows"]:
        stats = row.stats
        rows.append(
            [
                _cell(row.user.name),
                _cell(row.user.email),
                row.membership.role,
                report["level"].code,
                str(row.readiness),
                str(len(stats.studied_case_studies)),
                str(stats.questions_practised),
                str(stats.mocks_done),
                str(stats.mocks_30d),
                _fmt(row.rubric_average),
                _cell(row.weakest),
                _utc(stats.last_active),
                *[f"{round(c['share'] * 100)}%" for c in row.coverage],
                *[_fmt(stats.rubric(d["dimension"].slug)) for d in dimensions],
            ]
        )
    return rows


def _utc(moment: datetime.datetime | None) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M") if moment else ""


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
