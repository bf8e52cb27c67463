from django.urls import path

from progress import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard_redirect, name="home"),
    path("<str:level_code>/", views.dashboard, name="level"),
]
