from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from spojka.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0


@admin.register(User)
class SpojkaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Spojka", {"fields": ("is_agency_admin",)}))
    list_display = ("username", "first_name", "last_name", "email", "is_agency_admin", "is_active")
    inlines = [MembershipInline]
