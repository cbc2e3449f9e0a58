from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "spojka.partnership"
    label = "partnership"
    verbose_name = _("Lokální partnerství")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("partnership:overview", _("Partnerství")),
    ]
