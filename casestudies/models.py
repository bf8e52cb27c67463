from django.db import models


class Level(models.Model):
    """An interview level (L6, L7). Data, not code: a new track is a new row."""

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.code
