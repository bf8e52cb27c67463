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

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="one_card_per_question")]
        indexes = [models.Index(fields=["user", "due"], name="review_card_user_due")]

    def __str__(self) -> str:
        return f"{self.user} · {self.question_id} due {self.due:%Y-%m-%d}"
