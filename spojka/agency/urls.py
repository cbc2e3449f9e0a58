from __future__ import annotations

from django.urls import path

from spojka.agency import views

app_name = "agency"

urlpatterns = [
    path("agentura/", views.home, name="home"),
    path("agentura/export.xlsx", views.export, name="export"),
    path("agentura/moje-celky/", views.my_units, name="my_units"),
]
