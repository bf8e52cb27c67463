from django.urls import path

from teams.views import membership

# Membership: who is in a team, invites, joining and leaving. The managers' reports (the team page,
# drill-down, CSV, what managers see) are the read side: dashboards.team_urls, mounted at teams/ too.
app_name = "teams"
urlpatterns = [
    path("", membership.team_list, name="list"),
    path("new/", membership.team_create, name="create"),
    path("join/<str:token>/", membership.team_join, name="join"),
    path("<int:pk>/people/", membership.team_people, name="manage"),
    path("<int:pk>/invites/", membership.invite_create, name="invite_create"),
    path("<int:pk>/invites/<int:invite_id>/revoke/", membership.invite_revoke, name="invite_revoke"),
    path("<int:pk>/people/<int:user_id>/remove/", membership.member_remove, name="member_remove"),
    path("<int:pk>/people/<int:user_id>/role/", membership.member_set_role, name="member_role"),
    path("<int:pk>/leave/", membership.team_leave, name="leave"),
]
