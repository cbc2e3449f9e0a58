from __future__ import annotations

from django.urls import path

from spojka.training import views

app_name = "training"

EVENT = "u/<slug:unit>/vzdelavani/<int:pk>/"
PARTICIPANT = EVENT + "ucastnici/<int:participant>/"

urlpatterns = [
    path("u/<slug:unit>/vzdelavani/", views.event_list, name="event_list"),
    path("u/<slug:unit>/vzdelavani/export.xlsx", views.event_export, name="event_export"),
    path("u/<slug:unit>/vzdelavani/nova/", views.event_create, name="event_create"),
    path(
        "u/<slug:unit>/vzdelavani/sablona-ucastniku.xlsx",
        views.participant_template,
        name="participant_template",
    ),
    path(EVENT, views.event_detail, name="event_detail"),
    path(EVENT + "upravit/", views.event_edit, name="event_edit"),
    path(EVENT + "smazat/", views.event_delete, name="event_delete"),
    path(EVENT + "prezencni-listina.<str:fmt>", views.attendance_sheet, name="attendance_sheet"),
    path(EVENT + "ucastnici/novy/", views.participant_add, name="participant_add"),
    path(EVENT + "ucastnici/vice/", views.participant_bulk_add, name="participant_bulk_add"),
    path(EVENT + "ucastnici/import/", views.participant_import, name="participant_import"),
    path(EVENT + "ucastnici/export.xlsx", views.participant_export, name="participant_export"),
    path(PARTICIPANT, views.participant_edit, name="participant_edit"),
    path(PARTICIPANT + "odebrat/", views.participant_delete, name="participant_delete"),
    path(PARTICIPANT + "osvedceni.pdf", views.certificate, name="certificate"),
    path(PARTICIPANT + "zneplatnit/", views.certificate_revoke, name="certificate_revoke"),
    path(EVENT + "materialy/novy/", views.material_upload, name="material_upload"),
    path(EVENT + "materialy/<int:material>/", views.material_download, name="material_download"),
    path(EVENT + "materialy/<int:material>/odebrat/", views.material_delete, name="material_delete"),
    path("overeni/<slug:code>/", views.verify, name="verify"),
]
