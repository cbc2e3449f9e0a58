from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "spojka.documents"
    label = "documents"
    verbose_name = _("Dokumenty")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("documents:library", _("Dokumenty")),
    ]
