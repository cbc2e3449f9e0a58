from __future__ import annotations

from django.urls import path

from . import views

app_name = "importer"

urlpatterns = [
    path("import/", views.upload, name="upload"),
    path("import/<int:pk>/", views.review, name="review"),
]
