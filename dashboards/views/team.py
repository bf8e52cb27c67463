"""The manager's read side: the team heatmap, a member's aggregates, the CSV, and what managers see."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from casestudies.models import Level
from casestudies.selectors import level_for_code
from dashboards.charts import dashboard_charts
from dashboards.selectors.personal import dashboard_for_user
from dashboards.selectors.stats import default_level
from dashboards.selectors.team import team_csv_rows, team_report
from sdprep.db_router import replica_reads
from teams.models import Membership
from teams.selectors import member_of, team_for_manager, team_for_member


def _level_from(request: HttpRequest) -> Level:
    code = request.GET.get("level")
    if code:
        level = level_for_code(code)
        if level is None:
            raise Http404("There is no such level.")
        return level
    return default_level(request.user)


@login_required
@require_safe
@replica_reads
def team_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        team = team_for_manager(user=request.user, pk=pk)
    except Http404:
        # A member has no report page; their team's page is the people list. Outsiders still get a 404.
        team = team_for_member(user=request.user, pk=pk)
        return redirect("teams:manage", pk=team.pk)
    report = team_report(team=team, level=_level_from(request))
    return render(request, "dashboards/team_report.html", {**report, "levels": Level.objects.all()})


@login_required
@require_safe
@replica_reads
def member_page(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    team = team_for_manager(user=request.user, pk=pk)
    membership = member_of(team=team, user_id=user_id)
    level = _level_from(request)
    context = dashboard_for_user(user=membership.user, level=level, private=False)
    return render(
        request,
        "dashboards/team_member.html",
        {
            **context,
            **dashboard_charts(context),
            "team": team,
            "member": membership.user,
            "levels": Level.objects.all(),
        },
    )


@login_required
@require_safe
@replica_reads
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    team = team_for_manager(user=request.user, pk=pk)
    report = team_report(team=team, level=_level_from(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="team-{team.pk}-{report["level"].code}.csv"'
    csv.writer(response).writerows(team_csv_rows(report))
    return response


@login_required
@require_safe
@replica_reads
def what_managers_see(request: HttpRequest) -> HttpResponse:
    """A member's own aggregates exactly as a manager's drill-down shows them, and who the managers are."""
    managers = (
        Membership.objects.filter(team__memberships__user=request.user, role=Membership.Role.MANAGER)
        .exclude(user=request.user)
        .select_related("user", "team")
        .order_by("team__name", "user__email")
    )
    level = _level_from(request)
    context = dashboard_for_user(user=request.user, level=level, private=False)
    return render(
        request,
        "dashboards/visibility.html",
        {
            **context,
            **dashboard_charts(context),
            "managers": list(managers),
            "member": request.user,
            "levels": Level.objects.all(),
        },
    )
