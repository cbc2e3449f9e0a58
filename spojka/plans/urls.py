from __future__ import annotations

from django.urls import path

from spojka.plans import views

app_name = "plans"

P = "u/<slug:unit>/plany/<int:pk>/"

urlpatterns = [
    path("u/<slug:unit>/plany/", views.plan_list, name="plan_list"),
    path("u/<slug:unit>/plany/novy/", views.plan_create, name="plan_create"),
    path("u/<slug:unit>/plany/import/", views.plan_import, name="plan_import"),
    path(P, views.plan_detail, name="plan_detail"),
    path(P + "upravit/", views.plan_edit, name="plan_edit"),
    path(P + "export.xlsx", views.plan_export, name="plan_export"),
    path(P + "vyhodnoceni/", views.plan_evaluation, name="plan_evaluation"),
    path(P + "novy-plan/", views.plan_start_from, name="plan_start_from"),
    path(P + "oblasti/nova/", views.area_form, name="area_create"),
    path(P + "oblasti/<int:area>/", views.area_form, name="area_edit"),
    path(P + "oblasti/<int:area>/cile/novy/", views.goal_create, name="goal_create"),
    path(P + "cile/<int:goal>/", views.goal_edit, name="goal_edit"),
    path(P + "cile/<int:goal>/opatreni/nove/", views.measure_create, name="measure_create"),
    path(P + "cile/<int:goal>/indikatory/novy/", views.indicator_create, name="goal_indicator_create"),
    path(P + "opatreni/<int:measure>/", views.measure_detail, name="measure_detail"),
    path(P + "opatreni/<int:measure>/upravit/", views.measure_edit, name="measure_edit"),
    path(P + "opatreni/<int:measure>/aktivity/nova/", views.action_create, name="action_create"),
    path(
        P + "opatreni/<int:measure>/indikatory/novy/", views.indicator_create, name="measure_indicator_create"
    ),
    path(P + "aktivity/<int:action>/", views.action_edit, name="action_edit"),
    path(P + "indikatory/<int:indicator>/", views.indicator_detail, name="indicator_detail"),
    path(P + "indikatory/<int:indicator>/upravit/", views.indicator_edit, name="indicator_edit"),
    path(P + "indikatory/<int:indicator>/hodnota/", views.indicator_value, name="indicator_value"),
    path(P + "smazat/<slug:kind>/<int:obj>/", views.node_delete, name="node_delete"),
    path(P + "monitorovani/", views.monitoring_list, name="monitoring_list"),
    path(P + "monitorovani/nove/", views.monitoring_start, name="monitoring_start"),
    path(P + "monitorovani/<year:year>/", views.monitoring_detail, name="monitoring_detail"),
    path(P + "monitorovani/<year:year>/upravit/", views.monitoring_edit, name="monitoring_edit"),
    path(P + "monitorovani/<year:year>/schvalit/", views.monitoring_approve, name="monitoring_approve"),
]
