from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, register_converter

from spojka.lib.urls import YearConverter

# Before the apps' URL modules are included: they use <year:…>.
register_converter(YearConverter, "year")

urlpatterns = [
    path("", include("spojka.core.urls")),
    path("ucet/", include("spojka.accounts.urls")),
    path("", include("spojka.cooperation.urls")),
    path("", include("spojka.trash.urls")),
    path("", include("spojka.partnership.urls")),
    path("", include("spojka.meetings.urls")),
    path("", include("spojka.training.urls")),
    path("", include("spojka.plans.urls")),
    path("", include("spojka.documents.urls")),
    path("", include("spojka.compliance.urls")),
    path("", include("spojka.reports.urls")),
    path("", include("spojka.agency.urls")),
    path("", include("spojka.importer.urls")),
    path("", include("spojka.access.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
