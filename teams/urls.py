from django.urls import path

from teams.views import reports

app_name = "teams"
urlpatterns = [
    path("<int:pk>/", reports.team_page, name="team"),
    path("<int:pk>/members/<int:user_id>/", reports.member_page, name="member"),
    path("<int:pk>/export.csv", reports.export_csv, name="export"),
    path("what-managers-see/", reports.what_managers_see, name="visibility"),
]
