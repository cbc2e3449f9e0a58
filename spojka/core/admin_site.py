from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class AgencyAdminSite(AdminSite):
    """Django admin is a tool for the agency's central office only."""

    site_header = _("Spojka – správa")
    site_title = _("Spojka – správa")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and getattr(user, "is_agency_admin", False) and user.is_staff)


class SpojkaAdminConfig(AdminConfig):
    default_site = "spojka.core.admin_site.AgencyAdminSite"
