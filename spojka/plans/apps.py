from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "spojka.plans"
    label = "plans"
    verbose_name = _("Plány sociálního začleňování")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("plans:plan_list", _("Plány")),
    ]
