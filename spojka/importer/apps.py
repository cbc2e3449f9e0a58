from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    name = "spojka.importer"
    label = "importer"
    verbose_name = _("Import popisů spolupráce")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = []
