from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "spojka.training"
    label = "training"
    verbose_name = _("Vzdělávání")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("training:event_list", _("Vzdělávání")),
    ]

    def ready(self) -> None:
        # Declares the attendance sheet's templates (documents.render.register).
        from spojka.training import documents  # noqa: F401
