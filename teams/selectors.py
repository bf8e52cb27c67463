"""Reads for teams. `team_for_member` and `team_for_manager` are the access checks every teams view uses."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from teams.models import Membership, Team, TeamInvite


def team_for_member(*, user, pk: int) -> Team:
    """The team if the user is in it, with `my_role` set; Http404 for everyone else: 1 query."""
    membership = Membership.objects.select_related("team").filter(team_id=pk, user_id=user.pk).first()
    if membership is None:
        raise Http404("No such team.")
    team = membership.team
    team.my_role = membership.role
    return team


def team_for_manager(*, user, pk: int) -> Team:
    """The team if the user manages it; Http404 for members and outsiders alike: 1 query."""
    team = team_for_member(user=user, pk=pk)
    if team.my_role != Membership.Role.MANAGER:
        raise Http404("No such team.")
    return team


def teams_for_user(*, user) -> list[Membership]:
    """My memberships by team name, each with `.team`, `.role` and `.member_count`: 1 query."""
    return list(
        Membership.objects.filter(user_id=user.pk)
        .select_related("team")
        .annotate(member_count=Count("team__memberships"))
        .order_by("team__name", "team_id")
    )


def members_of(*, team: Team) -> list[Membership]:
    """Managers first ("manager" sorts before "member"), then by when they joined: 1 query."""
    members = Membership.objects.filter(team=team).select_related("user")
    return list(members.order_by("role", "joined_at", "pk"))


def member_of(*, team: Team, user_id: int) -> Membership:
    """One member of a team the caller may already see; Http404 when that user is not in it."""
    membership = Membership.objects.select_related("user").filter(team=team, user_id=user_id).first()
    if membership is None:
        raise Http404("No such member.")
    return membership


def invite_of(*, team: Team, pk: int) -> TeamInvite:
    invite = TeamInvite.objects.select_related("team").filter(team=team, pk=pk).first()
    if invite is None:
        raise Http404("No such invite.")
    return invite


def open_invites_for(*, team: Team) -> list[TeamInvite]:
    """Invites still usable, newest first: not revoked, not expired, email ones unused: 1 query."""
    invites = TeamInvite.objects.filter(team=team, revoked_at__isnull=True, expires_at__gt=timezone.now())
    return list(invites.exclude(~Q(email="") & Q(uses__gt=0)).order_by("-created_at", "-pk"))
