from __future__ import annotations

from django.urls import path

from spojka.agency import views

app_name = "agency"

urlpatterns = [
    path("agentura/", views.home, name="home"),
    path("agentura/export.xlsx", views.export, name="export"),
    path("agentura/moje-celky/", views.my_units, name="my_units"),
    path("agentura/zprava-projektu/", views.project_report, name="project_report"),
    path(
        "agentura/zprava-projektu/<int:pk>.<str:fmt>", views.project_report_file, name="project_report_file"
    ),
    path("agentura/celky/<slug:unit>/", views.unit_record, name="unit_record"),
    path("agentura/celky/<slug:unit>/memorandum/nove/", views.memorandum_form, name="memorandum_create"),
    path("agentura/celky/<slug:unit>/memorandum/<int:pk>/", views.memorandum_form, name="memorandum_edit"),
    path("agentura/celky/<slug:unit>/podpora/nova/", views.support_form, name="support_create"),
    path("agentura/celky/<slug:unit>/podpora/<int:pk>/", views.support_form, name="support_edit"),
    path("agentura/celky/<slug:unit>/stanovisko/nove/", views.statement_create, name="statement_create"),
]
