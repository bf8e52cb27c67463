"""A user's study state: sections marked studied, private notes, bookmarks."""

from django.conf import settings
from django.db import models


class StudiedSection(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="studied_sections"
    )
    section = models.ForeignKey("casestudies.Section", on_delete=models.CASCADE, related_name="+")
    studied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "section"], name="studied_once")]
        indexes = [models.Index(fields=["user", "-studied_at"], name="studied_user_recent")]

    def __str__(self) -> str:
        return f"{self.user} studied {self.section}"


class Note(models.Model):
    """A user's private markdown notes on one case study. Versioned: two tabs cannot overwrite each other."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
    case_study = models.ForeignKey("casestudies.CaseStudy", on_delete=models.CASCADE, related_name="+")
    body = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "case_study"], name="one_note_per_case_study")]

    def __str__(self) -> str:
        return f"{self.user}'s note on {self.case_study}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    case_study = models.ForeignKey("casestudies.CaseStudy", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "case_study"], name="bookmark_once")]

    def __str__(self) -> str:
        return f"{self.user} bookmarked {self.case_study}"


class ReviewCard(models.Model):
    """A question's spaced-repetition card for one user; `state` is the fsrs Card as a dict."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards")
    question = models.ForeignKey("casestudies.Question", on_delete=models.CASCADE, related_name="+")
    state = models.JSONField()
    due = models.DateTimeField(db_index=True)
    last_reviewed = models.DateTimeField()
    reviews = models.PositiveIntegerField(default=0)
    # Why the card was brought forward, when something other than its schedule did it (a weak mock score).
    due_reason = models.CharField(max_length=300, blank=True, default="")
    due_reason_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="one_card_per_question")]
        indexes = [models.Index(fields=["user", "due"], name="review_card_user_due")]

    def __str__(self) -> str:
        return f"{self.user} · {self.question_id} due {self.due:%Y-%m-%d}"


class RubricTotal(models.Model):
    """Running sum and count of one user's scores in one rubric dimension at one level, by source.

    Kept current by the services that record scores (a finished practice's self-assessment, a submitted
    mock scorecard), so dashboards and team pages read a few rows instead of aggregating millions.
    `interviews.services.rubric_totals.rubric_totals_rebuild` recomputes it from the score tables (bulk
    loads, repairs).
    """

    class Source(models.TextChoices):
        SELF = "self", "Self-assessment"
        MOCK = "mock", "Mock scorecard"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey("casestudies.Level", on_delete=models.CASCADE, related_name="+")
    dimension = models.ForeignKey("casestudies.RubricDimension", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=4, choices=Source.choices)
    score_sum = models.PositiveIntegerField(default=0)
    score_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "level", "dimension", "source"], name="one_rubric_total"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.dimension_id} {self.source}: {self.score_sum}/{self.score_count}"
