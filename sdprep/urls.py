from django.contrib import admin
from django.urls import include, path

from casestudies import views as casestudies_views
from sdprep import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("bench/hello/", views.hello, name="hello"),
    path("favicon.ico", views.favicon),
    path("library/", include("casestudies.urls")),
    path("search/", casestudies_views.search, name="search"),
    path("progress/", include("progress.urls")),
    path("practice/", include("interviews.urls")),
    path("dashboard/", include("progress.dashboard_urls")),
    path("teams/", include("teams.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sdprep.views.permission_denied"
handler404 = "sdprep.views.page_not_found"
handler500 = "sdprep.views.server_error"
