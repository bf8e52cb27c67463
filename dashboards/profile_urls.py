"""The profile page, mounted at accounts/ ahead of allauth: /accounts/profile/ as before the move."""

from django.urls import path

from dashboards.views import profile

app_name = "profile"
urlpatterns = [
    path("profile/", profile.edit_profile, name="edit"),
]
