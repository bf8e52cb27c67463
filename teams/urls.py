from django.urls import path

from teams.views import membership, reports

app_name = "teams"
urlpatterns = [
    path("<int:pk>/", reports.team_page, name="team"),
    path("<int:pk>/members/<int:user_id>/", reports.member_page, name="member"),
    path("<int:pk>/export.csv", reports.export_csv, name="export"),
    path("what-managers-see/", reports.what_managers_see, name="visibility"),
    # Membership: who is in a team, invites, joining and leaving.
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
