from __future__ import annotations

from django.urls import path

from spojka.meetings import views

app_name = "meetings"

M = "u/<slug:unit>/jednani/<int:pk>/"

urlpatterns = [
    path("u/<slug:unit>/jednani/", views.meeting_list, name="meeting_list"),
    path("u/<slug:unit>/jednani/export.xlsx", views.meeting_export, name="meeting_export"),
    path("u/<slug:unit>/jednani/nove/", views.meeting_create, name="meeting_create"),
    path("u/<slug:unit>/jednani/kalendar/novy-klic/", views.feed_regenerate, name="feed_regenerate"),
    path(M, views.meeting_detail, name="meeting_detail"),
    path(M + "upravit/", views.meeting_edit, name="meeting_edit"),
    path(M + "program/", views.agenda_edit, name="agenda_edit"),
    path(M + "stav/", views.meeting_transition, name="meeting_transition"),
    path(M + "znovu-otevrit/", views.meeting_reopen, name="meeting_reopen"),
    path(M + "ucast/", views.attendance_edit, name="attendance_edit"),
    path(M + "zaznam/", views.minutes_edit, name="minutes_edit"),
    path(M + "rozhodnuti/nove/", views.decision_create, name="decision_create"),
    path(M + "ukoly/novy/", views.task_create, name="task_create"),
    path(M + "pozvanky/", views.invitations_send, name="invitations_send"),
    path(M + "hoste/pozvat/", views.guest_invite, name="guest_invite"),
    path(M + "pozvanky/<int:invitation>/znovu/", views.invitation_resend, name="invitation_resend"),
    path(M + "prezencni-listina.<str:fmt>", views.attendance_sheet, name="attendance_sheet"),
    path(M + "zaznam.<str:fmt>", views.minutes_document, name="minutes_document"),
    path(M + "jednani.ics", views.meeting_calendar, name="meeting_calendar"),
    path(M + "sken/", views.scan_upload, name="scan_upload"),
    path(M + "podklady/novy/", views.material_upload, name="material_upload"),
    path(M + "sken/stahnout/", views.scan_download, name="scan_download"),
    path("u/<slug:unit>/ukoly/", views.task_list, name="task_list"),
    path("u/<slug:unit>/ukoly/export.xlsx", views.task_export, name="task_export"),
    path("u/<slug:unit>/ukoly/<int:pk>/splneno/", views.task_done, name="task_done"),
    path("u/<slug:unit>/ukoly/<int:pk>/znovu-otevrit/", views.task_reopen, name="task_reopen"),
    # Outside the unit's URL space on purpose: calendar apps cannot log in, the token is the key.
    path("kalendar/<str:token>/jednani.ics", views.calendar_feed, name="calendar_feed"),
]
