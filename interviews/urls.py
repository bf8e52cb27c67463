from django.urls import path

from interviews import views

app_name = "interviews"
urlpatterns = [
    path("", views.question_bank, name="bank"),
    path("reviews/", views.reviews_due, name="reviews"),
    path("preview/", views.preview, name="preview"),
    path("questions/<slug:slug>/", views.question_detail, name="question"),
    path("questions/<slug:slug>/start/", views.start_attempt, name="start"),
    path("attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/save/", views.save_attempt, name="save"),
    path("attempts/<int:pk>/timer/", views.attempt_timer, name="timer"),
    path("attempts/<int:pk>/hint/", views.reveal_hint, name="hint"),
    path("attempts/<int:pk>/finish/", views.finish_attempt, name="finish"),
    path("attempts/<int:pk>/result/", views.attempt_result, name="result"),
]
