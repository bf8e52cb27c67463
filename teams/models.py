"""Teams: a manager and members who joined by invite. Managers read members' aggregates, nothing else."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


class Team(models.Model):
    name = models.CharField(max_length=80)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("team_reports:team", args=[self.pk])


class Membership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", "Manager"
        MEMBER = "member", "Member"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "joined_at"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team")]
        indexes = [models.Index(fields=["user", "role"], name="membership_user_role")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER


class TeamInvite(models.Model):
    """A link anyone holding it may use until it expires or is revoked; or one addressed to an email."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invites")
    # The link carries this nonce signed with SECRET_KEY and a timestamp (see teams.services.invite_link).
    nonce = models.CharField(max_length=43, unique=True, default=secrets.token_urlsafe)
    email = models.EmailField(blank=True, help_text="Blank for a shareable link.")
    role = models.CharField(max_length=8, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invite to {self.team} ({self.email or 'link'})"
