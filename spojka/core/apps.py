from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "spojka.core"
    label = "core"
    verbose_name = "Spojka"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        # Connects the login receiver that starts the idle clock (see core/middleware.py).
        from spojka.core import middleware  # noqa: F401
        from spojka.lib.sqlite import use_wal

        connection_created.connect(use_wal, dispatch_uid="spojka-sqlite-wal")
