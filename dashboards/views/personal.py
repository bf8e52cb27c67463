"""One user's level dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from casestudies.models import Level
from casestudies.selectors import level_for_code
from dashboards.charts import dashboard_charts
from dashboards.selectors.personal import dashboard_for_user
from dashboards.selectors.stats import default_level
from sdprep.db_router import replica_reads


@login_required
@require_safe
def dashboard_redirect(request: HttpRequest) -> HttpResponse:
    return redirect("dashboard:level", level_code=default_level(request.user).code)


@login_required
@require_safe
@replica_reads
def dashboard(request: HttpRequest, level_code: str) -> HttpResponse:
    level = level_for_code(level_code)
    if level is None:
        raise Http404("No such level.")
    context = dashboard_for_user(user=request.user, level=level)
    context["reviews_due"] = context["due_count"]  # the navigation's count, without asking again
    charts = dashboard_charts(context)
    return render(request, "dashboards/dashboard.html", {**context, **charts, "levels": Level.objects.all()})
