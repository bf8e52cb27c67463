"""The managers' reports, mounted at teams/ ahead of teams.urls: the same paths as before the move."""

from django.urls import path

from dashboards.views import team

app_name = "team_reports"
urlpatterns = [
    path("<int:pk>/", team.team_page, name="team"),
    path("<int:pk>/members/<int:user_id>/", team.member_page, name="member"),
    path("<int:pk>/export.csv", team.export_csv, name="export"),
    path("what-managers-see/", team.what_managers_see, name="visibility"),
]
