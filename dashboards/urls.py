from django.urls import path

from dashboards.views import personal

app_name = "dashboard"
urlpatterns = [
    path("", personal.dashboard_redirect, name="home"),
    path("<str:level_code>/", personal.dashboard, name="level"),
]
