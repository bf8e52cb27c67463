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
