"""The manager's read side: the team heatmap, a member's aggregates, the CSV, and what managers see."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


@login_required
@require_safe
def team_page(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404


@login_required
@require_safe
def member_page(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    raise Http404


@login_required
@require_safe
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404


@login_required
@require_safe
def what_managers_see(request: HttpRequest) -> HttpResponse:
    raise Http404
