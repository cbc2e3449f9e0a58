from __future__ import annotations

from django.urls import path

from spojka.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("celky/", views.unit_list, name="unit_list"),
    path("celky/novy/", views.unit_create, name="unit_create"),
    path("u/<slug:unit>/", views.unit_detail, name="unit_detail"),
    path("u/<slug:unit>/upravit/", views.unit_edit, name="unit_edit"),
    path("u/<slug:unit>/memorandum/nove/", views.memorandum_create, name="memorandum_create"),
    path("u/<slug:unit>/popis/", views.description_list, name="description_list"),
    path("u/<slug:unit>/popis/novy/", views.description_create, name="description_create"),
    path("u/<slug:unit>/popis/<int:pk>/", views.description_detail, name="description_detail"),
    path("u/<slug:unit>/popis/<int:pk>/upravit/", views.description_edit, name="description_edit"),
    path("u/<slug:unit>/popis/<int:pk>/stav/", views.description_transition, name="description_transition"),
    path("u/<slug:unit>/popis/<int:pk>/revize/", views.description_revise, name="description_revise"),
    path("u/<slug:unit>/popis/<int:pk>/oblasti/nova/", views.area_form, name="area_create"),
    path("u/<slug:unit>/popis/<int:pk>/oblasti/<int:area>/", views.area_form, name="area_edit"),
    path("u/<slug:unit>/popis/<int:pk>/oblasti/<int:area>/odebrat/", views.area_delete, name="area_delete"),
    path("u/<slug:unit>/role/", views.role_list, name="role_list"),
    path("u/<slug:unit>/role/nova/", views.role_form, name="role_create"),
    path("u/<slug:unit>/role/<int:pk>/", views.role_form, name="role_edit"),
]
