from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "spojka.core"
    label = "core"
    verbose_name = "Spojka"
