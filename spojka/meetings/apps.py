from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "spojka.meetings"
    label = "meetings"
    verbose_name = _("Jednání")
    # Links this app adds to a unit's navigation, as (URL name, label); the URL takes the unit slug.
    unit_nav: list = [
        ("meetings:meeting_list", _("Jednání")),
        ("meetings:task_list", _("Úkoly")),
    ]

    def ready(self) -> None:
        # Declares the attendance sheet and minutes templates (documents.render.register).
        from spojka.meetings import documents  # noqa: F401
