"""The root URLconf composes the apps by dotted path (include), so it imports none of them."""

from django.contrib import admin
from django.urls import include, path

from sdprep import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("bench/hello/", views.hello, name="hello"),
    path("favicon.ico", views.favicon),
    path("library/", include("progress.library_urls")),
    path("search/", include("casestudies.urls")),
    path("progress/", include("progress.urls")),
    path("practice/", include("interviews.urls")),
    path("dashboard/", include("dashboards.urls")),
    path("teams/", include("dashboards.team_urls")),
    path("teams/", include("teams.urls")),
    path("accounts/", include("dashboards.profile_urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sdprep.views.permission_denied"
handler404 = "sdprep.views.page_not_found"
handler500 = "sdprep.views.server_error"
