"""What users do with questions: solo practice attempts (and, later, peer mock interviews)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

ANSWER_SECTIONS = [
    ("requirements", "Requirements"),
    ("estimates", "Estimates"),
    ("api", "API and data model"),
    ("design", "High-level design"),
    ("deep_dive", "Deep dive"),
    ("trade_offs", "Trade-offs"),
    ("evolution", "Evolution and operations"),
]
ANSWER_MAX_BYTES = 200_000


class PracticeAttempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    question = models.ForeignKey("casestudies.Question", on_delete=models.CASCADE, related_name="attempts")
    level = models.ForeignKey("casestudies.Level", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    # The timer lives here, not in the browser: a refresh or a second tab shows the same time.
    started_at = models.DateTimeField(default=timezone.now)
    duration = models.DurationField()
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_total = models.DurationField(default=datetime.timedelta)
    answer = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The solo whiteboard: Excalidraw elements by id, saved whole with its own version.
    board = models.JSONField(default=dict, blank=True)
    board_version = models.PositiveIntegerField(default=1)
    hints_revealed = models.PositiveSmallIntegerField(default=0)
    checked_items = models.ManyToManyField("casestudies.ChecklistItem", related_name="+", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    fsrs_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "question", "-started_at"], name="attempt_user_question"),
            models.Index(fields=["user", "-updated_at"], name="attempt_user_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question.slug} · {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interviews:attempt", args=[self.pk])

    def elapsed(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        now = now or timezone.now()
        end = self.finished_at or self.paused_at or now
        return max(end - self.started_at - self.paused_total, datetime.timedelta())

    def remaining(self, now: datetime.datetime | None = None) -> datetime.timedelta:
        return self.duration - self.elapsed(now)

    @property
    def rating_average(self) -> float | None:
        scores = [rating.score for rating in self.ratings.all()]
        return sum(scores) / len(scores) if scores else None

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED


class AttemptRating(models.Model):
    attempt = models.ForeignKey(PracticeAttempt, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey("casestudies.RubricDimension", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "dimension"], name="one_rating_per_dimension"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=4), name="rating_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.score}"
