from interviews.services.practice import (
    SECTION_KEYS,
    attempt_finish,
    attempt_pause,
    attempt_reveal_hint,
    attempt_save,
    attempt_start,
)

__all__ = [
    "SECTION_KEYS",
    "attempt_finish",
    "attempt_pause",
    "attempt_reveal_hint",
    "attempt_save",
    "attempt_start",
]
