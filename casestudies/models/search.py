"""The search vocabulary: every word of the content, for "Did you mean …?" (pg_trgm similarity)."""

from django.db import models


class SearchTerm(models.Model):
    """A word readers may search for (from titles, headings, question prompts and prose), with how often
    it occurs: the suggestion prefers the closest spelling, then the commoner word. A few thousand rows:
    the similarity scan needs no index."""

    word = models.CharField(max_length=60, unique=True)
    frequency = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.word
