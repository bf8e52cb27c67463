"""Writes for teams: creating one, inviting by signed link or email, joining, leaving, managing members.

Every change that touches memberships locks the team row first, so two managers acting at once cannot
leave a team without a manager.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from sdprep.errors import DomainError
from teams.models import Membership, Team, TeamInvite

INVITE_SALT = "teams.invite"
INVITE_DAYS_MAX = 30


class TeamError(DomainError):
    """A team rule refused the change (see sdprep.errors: message, status, code)."""


class _InviteSigner(signing.TimestampSigner):
    """Signs with the invite's creation time, so its link is the same on every page view and in the email,
    and a signature's age reaches the invite's lifetime exactly when the invite expires."""

    def __init__(self, at: datetime.datetime):
        super().__init__(salt=INVITE_SALT)
        self.at = at

    def timestamp(self) -> str:
        return signing.b62_encode(int(self.at.timestamp()))


def _membership(team: Team, user) -> Membership | None:
    return Membership.objects.filter(team=team, user=user).first()


def _require_manager(team: Team, user) -> None:
    if not Membership.objects.filter(team=team, user=user, role=Membership.Role.MANAGER).exists():
        raise TeamError("Only the team's managers can do that.", status=403)


def _locked(team: Team) -> Team:
    team = Team.objects.select_for_update().filter(pk=team.pk).first()
    if team is None:
        raise TeamError("This team no longer exists.", status=404)
    return team


def _other_managers(team: Team, user) -> bool:
    return Membership.objects.filter(team=team, role=Membership.Role.MANAGER).exclude(user=user).exists()


def _checked(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise TeamError(" ".join(exc.messages), status=422) from exc


@transaction.atomic
def team_create(*, user, name: str) -> Team:
    team = Team(name=name.strip(), created_by=user)
    _checked(team)
    team.save()
    Membership.objects.create(team=team, user=user, role=Membership.Role.MANAGER)
    return team


def invite_token(invite: TeamInvite) -> str:
    """The invite's nonce, signed with SECRET_KEY and the invite's creation time."""
    return _InviteSigner(invite.created_at).sign(invite.nonce)


def invite_link(invite: TeamInvite, request_or_base: HttpRequest | str) -> str:
    """The full join link; `request_or_base` is the current request or a base URL like https://host."""
    path = reverse("teams:join", args=[invite_token(invite)])
    if isinstance(request_or_base, str):
        return f"{request_or_base.rstrip('/')}{path}"
    return request_or_base.build_absolute_uri(path)


def invite_from_token(*, token: str, for_update: bool = False) -> TeamInvite:
    """The invite a link stands for, if the link is genuine and the invite still open; TeamError if not."""
    try:
        nonce = signing.TimestampSigner(salt=INVITE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise TeamError(
            "This invite link is not valid: it may have been cut short when it was copied. "
            "Ask the person who invited you for a new one.",
            status=404,
        ) from exc
    invites = TeamInvite.objects.select_related("team", "created_by")
    if for_update:
        invites = invites.select_for_update(of=("self",))
    invite = invites.filter(nonce=nonce).first()
    if invite is None:
        raise TeamError("This invite no longer exists: the team may have been deleted.", status=404)
    if invite.revoked_at is not None:
        raise TeamError(
            "This invite was withdrawn by the team's manager; ask them for a new one.", status=410
        )
    try:
        signing.TimestampSigner(salt=INVITE_SALT).unsign(token, max_age=invite.expires_at - invite.created_at)
        expired = invite.expires_at <= timezone.now()
    except signing.SignatureExpired:
        expired = True
    if expired:
        raise TeamError("This invite has expired. Ask the team's manager for a new link.", status=410)
    if invite.email and invite.uses:
        raise TeamError(
            "This invite has already been used; ask the team's manager for a new one.", status=410
        )
    return invite


def invite_problem_for(invite: TeamInvite, user) -> TeamError | None:
    """Why this user may not use this (open) invite, or None."""
    if invite.email and invite.email.lower() != user.email.lower():
        return TeamError(
            "This invite was sent to a different email address. Sign in with the address it was sent to, "
            "or ask the manager to invite the address you use here.",
            status=403,
        )
    if Membership.objects.filter(team=invite.team, user=user).exists():
        return TeamError(f"You are already a member of {invite.team.name}.", code="already_member")
    return None


@transaction.atomic
def invite_create(
    *, team: Team, by, email: str = "", role: str = Membership.Role.MEMBER, days: int = 7, base_url: str = ""
) -> TeamInvite:
    """A shareable link (no email) or a single-use invite emailed to `email`, open for `days` days.

    The email goes out once the transaction commits; `base_url` (https://host) makes its link absolute.
    """
    _require_manager(team, by)
    if not 1 <= days <= INVITE_DAYS_MAX:
        raise TeamError(f"An invite can stay open from 1 to {INVITE_DAYS_MAX} days.", status=422)
    email = email.strip().lower()
    if email and Membership.objects.filter(team=team, user__email__iexact=email).exists():
        raise TeamError(f"{email} is already a member of {team.name}.")
    invite = TeamInvite(
        team=team,
        email=email,
        role=role,
        created_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    _checked(invite)
    invite.save()
    if email:
        transaction.on_commit(lambda: _send_invite(invite, base_url))
    return invite


def _send_invite(invite: TeamInvite, base_url: str) -> None:
    by = invite.created_by
    EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{by.name} invited you to {invite.team.name}",
        body=(
            f"{by.name} invited you to join the team {invite.team.name} on sdprep "
            f"as a {invite.get_role_display().lower()}.\n\n"
            f"Join: {invite_link(invite, base_url)}\n\n"
            f"The link works once, for {invite.email}, until {invite.expires_at:%d %B %Y} (UTC).\n"
            "The team's managers will see aggregates of your preparation (coverage, practice and mock "
            "counts, rubric averages, when you were last active), never your notes, drafts or feedback.\n"
        ),
        to=[invite.email],
    ).send(fail_silently=True)


@transaction.atomic
def invite_revoke(*, invite: TeamInvite, by) -> TeamInvite:
    _require_manager(invite.team, by)
    invite = TeamInvite.objects.select_for_update().filter(pk=invite.pk).first()
    if invite is None:
        raise TeamError("This invite no longer exists.", status=404)
    if invite.revoked_at is None:
        invite.revoked_at = timezone.now()
        invite.save(update_fields=["revoked_at"])
    return invite


@transaction.atomic
def team_join(*, token: str, user) -> Membership:
    # The team is locked before the invite, in the same order as leaving (which may delete both).
    _locked(invite_from_token(token=token).team)
    invite = invite_from_token(token=token, for_update=True)
    problem = invite_problem_for(invite, user)
    if problem is not None:
        raise problem
    membership = Membership(team=invite.team, user=user, role=invite.role)
    _checked(membership)
    membership.save()
    invite.uses += 1
    invite.save(update_fields=["uses"])
    return membership


@transaction.atomic
def membership_leave(*, team: Team, user) -> bool:
    """Leave the team. The last manager may leave only when nobody else is left; then the team is
    deleted, and this returns True."""
    team = _locked(team)
    membership = _membership(team, user)
    if membership is None:
        raise TeamError("You are not a member of this team.", status=404)
    if membership.is_manager and not _other_managers(team, user):
        if Membership.objects.filter(team=team).exclude(user=user).exists():
            raise TeamError(
                "You are this team's only manager: make another member a manager before you leave.",
            )
        team.delete()
        return True
    membership.delete()
    return False


@transaction.atomic
def member_remove(*, team: Team, by, user) -> None:
    team = _locked(team)
    _require_manager(team, by)
    if user.pk == by.pk:
        raise TeamError("To remove yourself, leave the team instead.")
    membership = _membership(team, user)
    if membership is None:
        raise TeamError(f"{user.name} is not a member of this team.", status=404)
    membership.delete()


@transaction.atomic
def member_set_role(*, team: Team, by, user, role: str) -> Membership:
    team = _locked(team)
    _require_manager(team, by)
    if role not in Membership.Role.values:
        raise TeamError("Choose manager or member.", status=422)
    membership = _membership(team, user)
    if membership is None:
        raise TeamError(f"{user.name} is not a member of this team.", status=404)
    if membership.role == role:
        return membership
    if role == Membership.Role.MEMBER and not _other_managers(team, user):
        raise TeamError("A team needs at least one manager: make another member a manager first.")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership
