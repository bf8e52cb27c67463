from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.edit_profile, name="profile"),
]
