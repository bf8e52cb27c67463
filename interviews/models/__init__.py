from interviews.models.mocks import Mock, MockEvent, MockInvite, Scorecard, Slot
from interviews.models.practice import ANSWER_MAX_BYTES, ANSWER_SECTIONS, AttemptRating, PracticeAttempt

__all__ = [
    "ANSWER_MAX_BYTES",
    "ANSWER_SECTIONS",
    "AttemptRating",
    "Mock",
    "MockEvent",
    "MockInvite",
    "PracticeAttempt",
    "Scorecard",
    "Slot",
]
