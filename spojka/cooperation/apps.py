from __future__ import annotations

from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "spojka.cooperation"
    label = "cooperation"
    verbose_name = "Spolupráce"
