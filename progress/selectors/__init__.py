"""Reads of what users did: one user's study state (study.py). The dashboards are dashboards.selectors."""

from progress.selectors.study import (
    StudyState,
    StudySummary,
    due_count_for_user,
    due_reviews_for_user,
    library_marks_for_user,
    studied_counts,
    study_state_for_user,
    study_summary_for_user,
)

__all__ = [
    "StudyState",
    "StudySummary",
    "due_count_for_user",
    "due_reviews_for_user",
    "library_marks_for_user",
    "studied_counts",
    "study_state_for_user",
    "study_summary_for_user",
]
