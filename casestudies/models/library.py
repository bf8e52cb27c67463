"""Curated content: levels, categories, case studies and the interview framework.

This app knows nothing of users. Everything here is data an editor can change in the admin.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
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


class Category(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    keywords = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated words that place a case study without explicit categories here.",
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class CategoryFocus(models.Model):
    """What a category's interviews probe at one level (the source's focus table)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="focuses")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    focus = models.CharField(max_length=200)

    class Meta:
        ordering = ["level__order"]
        constraints = [models.UniqueConstraint(fields=["category", "level"], name="one_focus_per_level")]

    def __str__(self) -> str:
        return f"{self.category} · {self.level}: {self.focus}"


class CaseStudyQuerySet(models.QuerySet):
    def published(self) -> "CaseStudyQuerySet":
        """What readers see and every count uses; drafts (``**Draft:** true``) wait in the admin."""
        return self.filter(published=True)


class CaseStudy(models.Model):
    class Group(models.TextChoices):
        AMAZON = "amazon", "Amazon internal"
        INDUSTRY = "industry", "Industry benchmark"

    slug = models.SlugField(max_length=80, unique=True)
    number = models.PositiveSmallIntegerField(default=0, help_text="Order in the library.")
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=100)
    theme = models.CharField(max_length=200, blank=True)
    group = models.CharField(max_length=10, choices=Group.choices, default=Group.INDUSTRY)
    summary = models.TextField(blank=True, help_text="Markdown shown under the fact sheet.")
    published = models.BooleanField(default=True, help_text="Drafts are hidden from readers and counts.")
    categories = models.ManyToManyField(Category, related_name="case_studies", blank=True)
    # Hash of the imported source; a re-import of unchanged text is a no-op.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["number", "title"]
        verbose_name_plural = "case studies"
        indexes = [GinIndex(fields=["search_vector"], name="casestudy_search_gin")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("casestudies:detail", args=[self.slug])


class CaseStudyPart(models.Model):
    """Common shape of everything that hangs off a case study in order."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="%(class)ss")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order"]


class Fact(CaseStudyPart):
    label = models.CharField(max_length=80)
    value = models.CharField(max_length=300)

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class SectionQuerySet(models.QuerySet):
    def visible(self) -> "SectionQuerySet":
        """The sections a reader sees as sections (and can mark studied): not the per-level tabbed ones."""
        return self.exclude(kind__in=Section.TABBED_KINDS)


class Section(CaseStudyPart):
    class Kind(models.TextChoices):
        OVERVIEW = "overview", "Overview"
        DECISIONS = "decisions", "Design decisions"
        SCALING = "scaling", "Scaling challenges"
        LESSONS = "lessons", "Lessons"
        APPLICATION = "application", "Interview application"
        TIPS = "tips", "Candidate tips"
        BODY = "body", "Body"

    # Shown together in the page's per-level tabs rather than as sections of their own.
    TABBED_KINDS = (Kind.LESSONS, Kind.APPLICATION, Kind.TIPS)

    key = models.SlugField(max_length=100, help_text="Stable anchor; users' 'studied' marks hang on it.")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.BODY)
    body = models.TextField(blank=True, help_text="Markdown.")

    objects = SectionQuerySet.as_manager()

    class Meta(CaseStudyPart.Meta):
        constraints = [models.UniqueConstraint(fields=["case_study", "key"], name="section_key_unique")]

    def __str__(self) -> str:
        return self.title


class CodeSample(CaseStudyPart):
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=30, blank=True)
    source = models.TextField()

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.language or 'text'} sample"


class Diagram(CaseStudyPart):
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.TextField(help_text="Mermaid.")

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return f"Diagram {self.order + 1}"


class Decision(CaseStudyPart):
    title = models.CharField(max_length=200)
    decision = models.TextField(blank=True)
    benefits = models.TextField(blank=True)
    trade_offs = models.TextField(blank=True)
    result = models.TextField(blank=True)
    details = models.TextField(blank=True, help_text="Markdown for anything that fits no field above.")
    extra = models.JSONField(
        default=list, blank=True, help_text='Other labelled points: [["Investment", "..."]]'
    )

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class ScalingChallenge(CaseStudyPart):
    title = models.CharField(max_length=200)
    challenge = models.TextField(blank=True)
    solution = models.TextField(blank=True)
    innovation = models.TextField(blank=True)
    result = models.TextField(blank=True)
    details = models.TextField(blank=True)

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return self.title


class Lesson(CaseStudyPart):
    """A lesson; with a level it is that level's (L6 leadership, L7 strategy), without one it is general."""

    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return self.text[:60]


class InterviewPoint(CaseStudyPart):
    class Kind(models.TextChoices):
        APPLICATION = "application", "Interview application"
        TIP = "tip", "Candidate tip"

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()

    class Meta(CaseStudyPart.Meta):
        pass

    def __str__(self) -> str:
        return self.text[:60]


class FrameworkItem(models.Model):
    """The source's interview framework: per-level guidance and the key takeaways."""

    class Kind(models.TextChoices):
        GUIDANCE = "guidance", "How to use the case studies"
        TAKEAWAY = "takeaway", "Key takeaway"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=120)
    points = models.JSONField(default=list)

    class Meta:
        ordering = ["kind", "level__order", "order"]

    def __str__(self) -> str:
        return self.title


class CommonQuestion(models.Model):
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["level__order", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class ContentFingerprint(models.Model):
    """What was last imported for a piece of content without a row of its own (the framework)."""

    key = models.CharField(max_length=60, unique=True)
    value = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.key
