"""Reads of a user's study state."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from casestudies.models import CaseStudy, Section
from progress.models import Bookmark, Note, ReviewCard, StudiedSection


@dataclass
class StudySummary:
    studied: int
    total: int


def studied_counts(*, user_ids, case_study: CaseStudy | None = None) -> dict[tuple[int, int], int]:
    """Studied marks per (user, case study) on visible sections only, the one count every page shows:
    1 query. Marks on the per-level tabbed sections (which have no toggle) never count."""
    marks = StudiedSection.objects.filter(
        user_id__in=user_ids, section__in=Section.objects.visible().values("pk")
    )
    if case_study is not None:
        marks = marks.filter(section__case_study=case_study)
    rows = marks.values("user_id", "section__case_study_id").annotate(n=Count("id"))
    return {(row["user_id"], row["section__case_study_id"]): row["n"] for row in rows}


def study_summary_for_user(*, user, case_study: CaseStudy) -> StudySummary:
    """ "N of M sections studied" for one case study: 2 queries."""
    studied = studied_counts(user_ids=[user.pk], case_study=case_study).get((user.pk, case_study.pk), 0)
    total = Section.objects.visible().filter(case_study=case_study).count()
    return StudySummary(studied=studied, total=total)


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
    studied = {cs_id: n for (_, cs_id), n in studied_counts(user_ids=[user.pk]).items()}
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
