from __future__ import annotations

from django.urls import path

from spojka.trash import views

app_name = "trash"

urlpatterns = [
    path("u/<slug:unit>/kos/", views.trash_list, name="list"),
    path("u/<slug:unit>/kos/<int:pk>/obnovit/", views.trash_restore, name="restore"),
]
