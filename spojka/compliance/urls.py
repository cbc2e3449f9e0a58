from __future__ import annotations

from django.urls import path

from spojka.compliance import views

app_name = "compliance"

urlpatterns = [
    path("u/<slug:unit>/prehled/", views.dashboard, name="dashboard"),
    path(
        "u/<slug:unit>/popis/<int:description>/harmonogram/nova-cinnost/",
        views.activity_form,
        name="activity_create",
    ),
    path("u/<slug:unit>/harmonogram/<int:pk>/", views.activity_form, name="activity_edit"),
    path("u/<slug:unit>/harmonogram/<int:activity>/nove-pravidlo/", views.rule_form, name="rule_create"),
    path("u/<slug:unit>/pravidla/<int:pk>/", views.rule_detail, name="rule_detail"),
    path("u/<slug:unit>/pravidla/<int:pk>/upravit/", views.rule_form, name="rule_edit"),
    path("u/<slug:unit>/pravidla/<int:pk>/odebrat/", views.rule_delete, name="rule_delete"),
    path("u/<slug:unit>/pravidla/<int:pk>/doklady/", views.evidence_add, name="evidence_add"),
    path(
        "u/<slug:unit>/pravidla/<int:pk>/doklady/<int:link>/zrusit/",
        views.evidence_reset,
        name="evidence_reset",
    ),
    path("u/<slug:unit>/popis/<int:pk>/navazat/", views.description_renew, name="description_renew"),
    path("agentura/prehled/", views.overview, name="overview"),
    path("agentura/prehled/export.xlsx", views.overview_export, name="overview_export"),
]
