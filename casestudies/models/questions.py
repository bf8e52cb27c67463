"""The question bank and the rubric: data an editor changes in the admin."""

import datetime

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from casestudies.models.library import CaseStudy, Category, Level


class Question(models.Model):
    class Kind(models.TextChoices):
        ARCHITECTURE = "architecture", "Architecture"
        SCALING = "scaling", "Scaling and bottlenecks"
        ESTIMATION = "estimation", "Capacity estimation"
        LEADERSHIP = "leadership", "Leadership and organisation"
        STRATEGY = "strategy", "Strategy and build-vs-buy"
        EVOLUTION = "evolution", "Evolution"

    # Minutes on the practice timer, per kind: estimation is a focused drill, architecture a full round.
    DURATION_MINUTES = {
        Kind.ARCHITECTURE: 45,
        Kind.SCALING: 35,
        Kind.ESTIMATION: 20,
        Kind.LEADERSHIP: 25,
        Kind.STRATEGY: 30,
        Kind.EVOLUTION: 30,
    }

    slug = models.SlugField(max_length=100, unique=True)
    prompt = models.TextField()
    levels = models.ManyToManyField(Level, related_name="questions")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    case_studies = models.ManyToManyField(CaseStudy, related_name="questions", blank=True)
    hints = models.JSONField(default=list, blank=True, help_text="Ordered, from a nudge to a strong pointer.")
    follow_ups = models.JSONField(default=list, blank=True)
    # The interview phase each hint and follow-up fits (a key of casestudies.phases.PHASES, or "").
    hint_phases = models.JSONField(default=list, blank=True)
    follow_up_phases = models.JSONField(default=list, blank=True)
    curveballs = models.JSONField(
        default=list, blank=True, help_text='[{"text": ..., "answers": {"L6": ..., "L7": ...}}]'
    )
    dimension_slugs = models.JSONField(
        default=list, blank=True, help_text="Rubric dimensions it exercises; empty: derived from its kind."
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category__order", "slug"]
        indexes = [GinIndex(fields=["search_vector"], name="question_search_gin")]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def duration_minutes(self) -> int:
        return self.DURATION_MINUTES.get(self.kind, 30)

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.duration_minutes)

    def probes(self) -> list[dict]:
        """Hints then follow-ups, each with the phase it fits."""
        return [
            {"kind": kind, "text": text, "phase": phases[i] if i < len(phases) else ""}
            for kind, texts, phases in (
                ("hint", self.hints, self.hint_phases),
                ("follow-up", self.follow_ups, self.follow_up_phases),
            )
            for i, text in enumerate(texts)
        ]

    def exercises(self, dimension: "RubricDimension") -> bool:
        """Whether this question is scored on a dimension: its own list when it has one, else its kind."""
        if self.dimension_slugs:
            return dimension.slug in self.dimension_slugs
        return self.kind in dimension.question_kinds


class ChecklistItem(models.Model):
    """One thing a strong answer covers, at one level."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="checklist")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=400)

    class Meta:
        ordering = ["level__order", "order"]

    def __str__(self) -> str:
        return self.text


class RubricDimension(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    levels = models.ManyToManyField(Level, related_name="rubric_dimensions")
    question_kinds = models.JSONField(
        default=list, blank=True, help_text='Question kinds that exercise this dimension, e.g. ["scaling"].'
    )

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class RubricAnchor(models.Model):
    """What a score of 1-4 looks like on one dimension at one level."""

    dimension = models.ForeignKey(RubricDimension, on_delete=models.CASCADE, related_name="anchors")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(choices=[(i, str(i)) for i in range(1, 5)])
    text = models.CharField(max_length=400)
    # Calibration: what a candidate said or drew at this score, on one of the bank's questions.
    example = models.CharField(max_length=400, blank=True)
    example_question = models.SlugField(max_length=100, blank=True)

    class Meta:
        ordering = ["level__order", "score"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "level", "score"], name="one_anchor_per_score"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=4), name="anchor_score_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.level} {self.score}"
