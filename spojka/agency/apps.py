from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    name = "spojka.agency"
    label = "agency"
    verbose_name = _("Agentura")

    def ready(self) -> None:
        from spojka.agency import stored

        stored.connect_signals()
