from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "spojka.reports"
    label = "reports"
    verbose_name = _("Výstupy")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("reports:outputs", _("Výstupy")),
    ]

    def ready(self) -> None:
        # Declares the generated documents' templates (documents.render.register).
        from spojka.reports import generators, psz  # noqa: F401
