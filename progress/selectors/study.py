"""Reads of a user's study state."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from casestudies.models import CaseStudy
from progress.models import Bookmark, Note, ReviewCard, StudiedSection


@dataclass
class StudyState:
    studied_section_ids: set[int]
    note: Note | None
    bookmarked: bool


def study_state_for_user(*, user, case_study: CaseStudy) -> StudyState:
    """A user's marks on one case study: 3 queries."""
    return StudyState(
        studied_section_ids=set(
            StudiedSection.objects.filter(user=user, section__case_study=case_study).values_list(
                "section_id", flat=True
            )
        ),
        note=Note.objects.filter(user=user, case_study=case_study).first(),
        bookmarked=Bookmark.objects.filter(user=user, case_study=case_study).exists(),
    )


def library_marks_for_user(*, user) -> dict:
    """Bookmarks and studied-section counts per case study, for the library cards: 2 queries."""
    studied = dict(
        StudiedSection.objects.filter(user=user)
        .values("section__case_study_id")
        .annotate(n=Count("id"))
        .values_list("section__case_study_id", "n")
    )
    bookmarked = set(Bookmark.objects.filter(user=user).values_list("case_study_id", flat=True))
    return {"studied": studied, "bookmarked": bookmarked}


def due_reviews_for_user(*, user, now=None):
    """Cards due now or earlier, most overdue first, with their questions: 1 query."""
    return (
        ReviewCard.objects.filter(user=user, due__lte=now or timezone.now())
        .select_related("question__category")
        .order_by("due")
    )


def due_count_for_user(*, user, now=None) -> int:
    return due_reviews_for_user(user=user, now=now).count()
