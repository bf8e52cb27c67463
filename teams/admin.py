from django.contrib import admin

from teams.models import Membership, Team, TeamInvite


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "created_at"]
    search_fields = ["name"]
    raw_id_fields = ["created_by"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "role", "joined_at"]
    list_filter = ["role"]
    list_select_related = ["user", "team"]
    search_fields = ["user__email", "team__name"]
    raw_id_fields = ["user", "team"]


@admin.register(TeamInvite)
class TeamInviteAdmin(admin.ModelAdmin):
    list_display = ["team", "email", "role", "created_by", "expires_at", "revoked_at", "uses"]
    list_filter = ["role"]
    list_select_related = ["team", "created_by"]
    search_fields = ["email", "team__name"]
    raw_id_fields = ["team", "created_by"]
    # The nonce is the secret inside every link: never edited by hand.
    readonly_fields = ["nonce", "uses", "created_at"]
