from __future__ import annotations

from django.contrib import admin

from spojka.cooperation import models


@admin.register(models.TerritorialUnit)
class TerritorialUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "ico", "region")
    search_fields = ("name", "ico")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.CooperationDescription)
class CooperationDescriptionAdmin(admin.ModelAdmin):
    list_display = ("unit", "version", "status", "valid_from", "valid_to")
    list_filter = ("status",)
