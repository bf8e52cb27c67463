from interviews.selectors.mocks import (
    mock_for_participant,
    mocks_for_user,
    open_slots,
    pick_question,
    slot_for_booking,
    slot_for_owner,
    teammates_of,
)
from interviews.selectors.practice import (
    attempt_for_user,
    attempts_for_question,
    checklist_for,
    question_for_page,
    questions_for_bank,
    rubric_for_level,
    what_they_did,
)

__all__ = [
    "attempt_for_user",
    "attempts_for_question",
    "checklist_for",
    "mock_for_participant",
    "mocks_for_user",
    "open_slots",
    "pick_question",
    "question_for_page",
    "questions_for_bank",
    "rubric_for_level",
    "slot_for_booking",
    "slot_for_owner",
    "teammates_of",
    "what_they_did",
]
