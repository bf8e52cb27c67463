from django.urls import path

from interviews.views import board, mocks, practice, room, scorecards, slots

app_name = "interviews"
urlpatterns = [
    path("", practice.question_bank, name="bank"),
    path("reviews/", practice.reviews_due, name="reviews"),
    path("preview/", practice.preview, name="preview"),
    path("questions/<slug:slug>/", practice.question_detail, name="question"),
    path("questions/<slug:slug>/start/", practice.start_attempt, name="start"),
    path("attempts/<int:pk>/", practice.attempt_page, name="attempt"),
    path("attempts/<int:pk>/save/", practice.save_attempt, name="save"),
    path("attempts/<int:pk>/board/", board.attempt_board, name="attempt_board"),
    path("attempts/<int:pk>/timer/", practice.attempt_timer, name="timer"),
    path("attempts/<int:pk>/hint/", practice.reveal_hint, name="hint"),
    path("attempts/<int:pk>/finish/", practice.finish_attempt, name="finish"),
    path("attempts/<int:pk>/result/", practice.attempt_result, name="result"),
    path("mocks/", mocks.mock_list, name="mocks"),
    path("mocks/new/", mocks.mock_create, name="mock_new"),
    path("mocks/slots/", slots.slot_board, name="slots"),
    path("mocks/slots/<int:pk>/book/", slots.slot_book, name="slot_book"),
    path("mocks/slots/<int:pk>/withdraw/", slots.slot_withdraw, name="slot_withdraw"),
    path("mocks/invite/<slug:token>/", mocks.invite_accept, name="invite"),
    path("mocks/<int:pk>/", room.mock_room, name="mock"),
    path("mocks/<int:pk>/action/", room.mock_action, name="mock_action"),
    path("mocks/<int:pk>/scratchpad/", room.scratchpad_save, name="scratchpad"),
    path("mocks/<int:pk>/board/", board.mock_board, name="mock_board"),
    path("mocks/<int:pk>/notes/", room.notes_save, name="notes"),
    path("mocks/<int:pk>/scorecard/", scorecards.scorecard, name="scorecard"),
    path("mocks/<int:pk>/events/", room.mock_events, name="mock_events"),
    path("mocks/<int:pk>/calendar.ics", mocks.mock_calendar, name="mock_calendar"),
    path("mocks/<int:pk>/swap/", mocks.mock_swap, name="mock_swap"),
    path("mocks/<int:pk>/replay/", room.mock_replay, name="mock_replay"),
    path("mocks/<int:pk>/stream/", room.mock_stream, name="mock_stream"),
]
