from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "spojka.compliance"
    label = "compliance"
    verbose_name = _("Plnění harmonogramu")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("compliance:dashboard", _("Přehled plnění")),
    ]

    # What a meeting, document or training counts toward, for the pages of the apps below this one
    # (spojka.lib.evidence): "Započteno jako doklad pro …".
    counted_as_evidence = "spojka.compliance.evaluation.counted_as_evidence"

    def ready(self) -> None:
        from spojka.compliance import stored

        stored.connect_signals()
