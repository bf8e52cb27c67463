from django.contrib import admin

from casestudies.models import Level


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]
