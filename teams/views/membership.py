"""Who is in a team: my teams, creating one, the people page, invites, joining and leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from teams import selectors, services
from teams.forms import InviteForm, RoleForm, TeamForm
from teams.models import Membership, Team
from teams.services import TeamError


def _list_page(request: HttpRequest, form: TeamForm, status: int = 200) -> HttpResponse:
    context = {"memberships": selectors.teams_for_user(user=request.user), "form": form}
    return render(request, "teams/list.html", context, status=status)


def _people_page(
    request: HttpRequest,
    team: Team,
    *,
    invite_form: InviteForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The people page; after a refused change it shows why, with the status the refusal carries."""
    is_manager = team.my_role == Membership.Role.MANAGER
    context = {"team": team, "members": selectors.members_of(team=team), "is_manager": is_manager}
    context["error"] = error
    if is_manager:
        context["invites"] = [
            (invite, services.invite_link(invite, request) if not invite.email else "")
            for invite in selectors.open_invites_for(team=team)
        ]
        context["invite_form"] = invite_form or InviteForm()
        context["roles"] = Membership.Role.choices
    return render(request, "teams/manage.html", context, status=status)


@login_required
@require_safe
def team_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, TeamForm())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    """POST creates; GET (a bookmarked or typed address) shows the page that holds the form."""
    if request.method != "POST":
        return _list_page(request, TeamForm())
    form = TeamForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=422)
    try:
        team = services.team_create(user=request.user, name=form.cleaned_data["name"])
    except TeamError as exc:
        form.add_error(None, exc.message)
        return _list_page(request, form, status=exc.status)
    messages.success(request, f"{team.name} is created and you are its manager. Invite your team below.")
    return redirect("teams:manage", pk=team.pk)


@login_required
@require_safe
def team_people(request: HttpRequest, pk: int) -> HttpResponse:
    return _people_page(request, selectors.team_for_member(user=request.user, pk=pk))


@login_required
@require_POST
def invite_create(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.team_for_manager(user=request.user, pk=pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _people_page(request, team, invite_form=form, status=422)
    data = form.cleaned_data
    try:
        invite = services.invite_create(
            team=team,
            by=request.user,
            email=data["email"],
            role=data["role"],
            days=data["days"],
            base_url=f"{request.scheme}://{request.get_host()}",
        )
    except TeamError as exc:
        form.add_error(None, exc.message)
        return _people_page(request, team, invite_form=form, status=exc.status)
    if invite.email:
        messages.success(request, f"Invite emailed to {invite.email}.")
    else:
        messages.success(request, "Invite link created: copy it from the list below and share it.")
    return redirect("teams:manage", pk=team.pk)


@login_required
@require_POST
def invite_revoke(request: HttpRequest, pk: int, invite_id: int) -> HttpResponse:
    team = selectors.team_for_manager(user=request.user, pk=pk)
    invite = selectors.invite_of(team=team, pk=invite_id)
    try:
        services.invite_revoke(invite=invite, by=request.user)
    except TeamError as exc:
        return _people_page(request, team, error=exc.message, status=exc.status)
    messages.success(request, "Invite revoked: its link no longer works.")
    return redirect("teams:manage", pk=team.pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    team = selectors.team_for_manager(user=request.user, pk=pk)
    member = selectors.member_of(team=team, user_id=user_id)
    try:
        services.member_remove(team=team, by=request.user, user=member.user)
    except TeamError as exc:
        return _people_page(request, team, error=exc.message, status=exc.status)
    messages.success(request, f"{member.user.name} is no longer in {team.name}.")
    return redirect("teams:manage", pk=team.pk)


@login_required
@require_POST
def member_set_role(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    team = selectors.team_for_manager(user=request.user, pk=pk)
    member = selectors.member_of(team=team, user_id=user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _people_page(request, team, error="Choose manager or member.", status=422)
    role = form.cleaned_data["role"]
    try:
        services.member_set_role(team=team, by=request.user, user=member.user, role=role)
    except TeamError as exc:
        return _people_page(request, team, error=exc.message, status=exc.status)
    messages.success(request, f"{member.user.name} is now a {Membership.Role(role).label.lower()}.")
    return redirect("teams:manage", pk=team.pk)


@login_required
@require_POST
def team_leave(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.team_for_member(user=request.user, pk=pk)
    try:
        deleted = services.membership_leave(team=team, user=request.user)
    except TeamError as exc:
        return _people_page(request, team, error=exc.message, status=exc.status)
    if deleted:
        messages.success(request, f"You left {team.name}. Nobody else was in it, so it is deleted.")
    else:
        messages.success(request, f"You left {team.name}. Its managers no longer see your progress.")
    return redirect("teams:list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def team_join(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what joining means; POST joins. A link that cannot be used gets a page that says why."""
    try:
        invite = services.invite_from_token(token=token)
    except TeamError as exc:
        return render(request, "teams/join.html", {"error": exc.message}, status=exc.status)
    problem = services.invite_problem_for(invite, request.user)
    if request.method == "POST" and problem is None:
        try:
            services.team_join(token=token, user=request.user)
        except TeamError as exc:
            problem = exc
        else:
            messages.success(request, f"Welcome to {invite.team.name}.")
            return redirect("teams:manage", pk=invite.team_id)
    context = {"invite": invite, "problem": problem}
    return render(request, "teams/join.html", context, status=problem.status if problem else 200)
