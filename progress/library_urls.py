# The library's URL space keeps the name it has always had ("casestudies:detail"): the pages show
# content, and live here because they show it with the reader's study state.
from django.urls import path

from progress.views import library

app_name = "casestudies"
urlpatterns = [
    path("", library.library, name="library"),
    path("<slug:slug>/", library.case_study_detail, name="detail"),
]
