"""Spaced repetition with the fsrs package: how a finished attempt becomes a review rating.

Interview practice is measured in days, not minutes, so the scheduler skips fsrs's
minute-long learning steps and goes straight to day intervals; fuzzing is off so the
date shown is the date computed.
"""

from fsrs import Rating, Scheduler

SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)

# Shown on the finish and result pages, so the mapping is never a mystery.
MAPPING = [
    (Rating.Again, "Again", "under 40% of the checklist covered, or a rubric average under 2"),
    (Rating.Hard, "Hard", "under 70% covered, or an average under 2.75"),
    (Rating.Good, "Good", "under 90% covered, or an average under 3.5"),
    (Rating.Easy, "Easy", "90% or more covered and an average of 3.5 or more"),
]


def rating_for(*, coverage: float, average: float) -> Rating:
    """Map checklist coverage (0-1) and the rubric average (1-4) to an fsrs rating: the weaker one decides."""
    if coverage < 0.4 or average < 2:
        return Rating.Again
    if coverage < 0.7 or average < 2.75:
        return Rating.Hard
    if coverage < 0.9 or average < 3.5:
        return Rating.Good
    return Rating.Easy
