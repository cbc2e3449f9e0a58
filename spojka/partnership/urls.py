from __future__ import annotations

from django.urls import path

from spojka.partnership import views

app_name = "partnership"

P = "u/<slug:unit>/partnerstvi/"

urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "upravit/", views.partnership_edit, name="partnership_edit"),
    path(P + "historie-clenstvi/", views.member_history, name="member_history"),
    path(P + "skupiny/nova/", views.group_form, name="group_create"),
    path(P + "skupiny/<int:pk>/", views.group_form, name="group_edit"),
    path(P + "clenove/novy/", views.member_form, name="member_create"),
    path(P + "clenove/<int:pk>/", views.member_form, name="member_edit"),
    path(P + "clenove/<int:pk>/ukoncit/", views.member_end, name="member_end"),
    path(P + "osoby/", views.person_list, name="person_list"),
    path(P + "osoby/export.xlsx", views.people_export, name="people_export"),
    path(P + "osoby/nova/", views.person_form, name="person_create"),
    path(P + "osoby/<int:pk>/", views.person_form, name="person_edit"),
    path(P + "osoby/<int:pk>/osobni-udaje.json", views.person_export, name="person_export"),
    path(P + "osoby/<int:pk>/anonymizovat/", views.person_anonymise, name="person_anonymise"),
    path(P + "organizace/", views.organisation_list, name="organisation_list"),
    path(P + "organizace/export.xlsx", views.organisation_export, name="organisation_export"),
    path(P + "organizace/nova/", views.organisation_form, name="organisation_create"),
    path(P + "organizace/<int:pk>/", views.organisation_form, name="organisation_edit"),
    path(P + "statut/", views.statute_list, name="statute_list"),
    path(P + "statut/novy/", views.statute_upload, name="statute_upload"),
    path(P + "statut/<int:pk>/soubor/", views.statute_download, name="statute_download"),
]
