from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "spojka.core"
    label = "core"
    verbose_name = "Spojka"

    def ready(self) -> None:
        # Connects the login receiver that starts the idle clock (see core/middleware.py).
        from spojka.core import middleware  # noqa: F401
