from django.urls import path

from casestudies import views

app_name = "casestudies"
urlpatterns = [
    path("", views.library, name="library"),
    path("<slug:slug>/", views.case_study_detail, name="detail"),
]
