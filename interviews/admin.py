from django.contrib import admin

from interviews.models import AttemptRating, PracticeAttempt


class AttemptRatingInline(admin.TabularInline):
    model = AttemptRating
    extra = 0


@admin.register(PracticeAttempt)
class PracticeAttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "question", "level", "status", "started_at", "finished_at"]
    list_filter = ["status", "level"]
    raw_id_fields = ["user", "question"]
    readonly_fields = ["checked_items"]
    inlines = [AttemptRatingInline]
