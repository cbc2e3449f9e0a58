from __future__ import annotations

from django.urls import path

from spojka.reports import views

app_name = "reports"

urlpatterns = [
    path("u/<slug:unit>/vystupy/", views.outputs, name="outputs"),
    path(
        "u/<slug:unit>/vystupy/popis/<int:pk>/<str:fmt>/",
        views.generate_description,
        name="generate_description",
    ),
    path(
        "u/<slug:unit>/vystupy/zprava/<year:year>/<str:fmt>/", views.generate_report, name="generate_report"
    ),
    path("u/<slug:unit>/vystupy/ulozit/", views.save_generated, name="save_generated"),
    path("u/<slug:unit>/plany/<int:pk>/zprava.<str:fmt>", views.plan_report, name="plan_report"),
    path(
        "u/<slug:unit>/plany/<int:pk>/zprava.<str:fmt>/ulozit/",
        views.plan_report_save,
        name="plan_report_save",
    ),
]
