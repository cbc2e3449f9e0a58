from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("spojka.core.urls")),
    path("ucet/", include("spojka.accounts.urls")),
    path("", include("spojka.cooperation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
