from django.contrib import admin

from casestudies import models
from casestudies.services import case_study_index, question_index, search_vocabulary_rebuild


@admin.register(models.Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


class CategoryFocusInline(admin.TabularInline):
    model = models.CategoryFocus
    extra = 0


@admin.register(models.Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryFocusInline]


class OrderedInline(admin.StackedInline):
    extra = 0
    classes = ["collapse"]


class FactInline(admin.TabularInline):
    model = models.Fact
    extra = 0


class SectionInline(OrderedInline):
    model = models.Section
    fields = ["order", "title", "key", "kind", "body"]


class CodeSampleInline(OrderedInline):
    model = models.CodeSample


class DiagramInline(OrderedInline):
    model = models.Diagram


class DecisionInline(OrderedInline):
    model = models.Decision


class ScalingChallengeInline(OrderedInline):
    model = models.ScalingChallenge


class LessonInline(admin.TabularInline):
    model = models.Lesson
    extra = 0


class InterviewPointInline(admin.TabularInline):
    model = models.InterviewPoint
    extra = 0


@admin.register(models.CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "company", "group", "published", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["published", "group", "categories"]
    search_fields = ["title", "company", "theme"]
    filter_horizontal = ["categories"]
    inlines = [
        FactInline,
        SectionInline,
        DecisionInline,
        ScalingChallengeInline,
        LessonInline,
        InterviewPointInline,
        CodeSampleInline,
        DiagramInline,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An edit shows on the site at once, search included.
        case_study_index(case_study=form.instance)
        search_vocabulary_rebuild()


@admin.register(models.FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "level", "order"]
    list_filter = ["kind", "level"]


@admin.register(models.CommonQuestion)
class CommonQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "level", "order"]
    list_filter = ["level"]


class ChecklistItemInline(admin.TabularInline):
    model = models.ChecklistItem
    extra = 0


@admin.register(models.Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "category", "updated_at"]
    list_filter = ["kind", "category", "levels"]
    search_fields = ["slug", "prompt"]
    filter_horizontal = ["levels", "case_studies"]
    inlines = [ChecklistItemInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        question_index(question=form.instance)
        search_vocabulary_rebuild()


class RubricAnchorInline(admin.TabularInline):
    model = models.RubricAnchor
    extra = 0


@admin.register(models.RubricDimension)
class RubricDimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    filter_horizontal = ["levels"]
    inlines = [RubricAnchorInline]
