from __future__ import annotations

from django.urls import path

from spojka.documents import views

app_name = "documents"

urlpatterns = [
    path("u/<slug:unit>/dokumenty/", views.library, name="library"),
    path("u/<slug:unit>/dokumenty/export.xlsx", views.library_export, name="library_export"),
    path("u/<slug:unit>/dokumenty/novy/", views.document_create, name="create"),
    path("u/<slug:unit>/dokumenty/<int:pk>/", views.document_detail, name="detail"),
    path("u/<slug:unit>/dokumenty/<int:pk>/upravit/", views.document_edit, name="edit"),
    path("u/<slug:unit>/dokumenty/<int:pk>/verze/nova/", views.version_create, name="version_create"),
    path("u/<slug:unit>/dokumenty/<int:pk>/verze/<int:number>/stahnout/", views.download, name="download"),
    path(
        "u/<slug:unit>/dokumenty/<int:pk>/verze/<int:number>/podepsat/",
        views.version_sign,
        name="version_sign",
    ),
    path("u/<slug:unit>/usneseni/", views.resolution_list, name="resolution_list"),
    path("u/<slug:unit>/usneseni/nove/", views.resolution_create, name="resolution_create"),
    path("u/<slug:unit>/vystupy/nastaveni/", views.document_settings, name="settings"),
    path("u/<slug:unit>/vystupy/sablony/", views.template_list, name="template_list"),
    path("u/<slug:unit>/vystupy/sablony/<str:kind>/", views.template_upload, name="template_upload"),
    path(
        "u/<slug:unit>/vystupy/sablony/<str:kind>/stahnout/",
        views.template_download,
        name="template_download",
    ),
    path("u/<slug:unit>/vystupy/sablony/<str:kind>/vychozi/", views.template_reset, name="template_reset"),
]
