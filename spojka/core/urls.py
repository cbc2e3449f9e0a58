from __future__ import annotations

from django.urls import path

from spojka.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("prepnout/", views.switch_unit, name="switch_unit"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("prohlaseni-o-pristupnosti/", views.accessibility, name="accessibility"),
    path("u/<slug:unit>/hledat/", views.search, name="search"),
    path("u/<slug:unit>/historie/", views.unit_history, name="unit_history"),
    path("u/<slug:unit>/historie/export.xlsx", views.unit_history_export, name="unit_history_export"),
    path("agentura/posta/", views.outbox, name="outbox"),
    path("agentura/posta/<int:pk>/", views.outbox_message, name="outbox_message"),
]
