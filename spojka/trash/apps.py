from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrashConfig(AppConfig):
    name = "spojka.trash"
    label = "trash"
    verbose_name = _("Koš")
