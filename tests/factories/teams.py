from teams import services
from teams.models import Membership, Team


def team_with(*, manager, members=(), managers=(), name: str = "Platform") -> Team:
    """A team created by `manager`; `members` and extra `managers` join it through an invite link."""
    team = services.team_create(user=manager, name=name)
    for role, people in ((Membership.Role.MEMBER, members), (Membership.Role.MANAGER, managers)):
        if not people:
            continue
        invite = services.invite_create(team=team, by=manager, role=role)
        for user in people:
            services.team_join(token=services.invite_token(invite), user=user)
    return team
