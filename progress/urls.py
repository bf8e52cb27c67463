from django.urls import path

from progress.views import study as views

app_name = "progress"
urlpatterns = [
    path("sections/<int:section_id>/studied/", views.toggle_studied, name="toggle_studied"),
    path("case-studies/<slug:slug>/bookmark/", views.toggle_bookmark, name="toggle_bookmark"),
    path("case-studies/<slug:slug>/note/", views.save_note, name="save_note"),
]
