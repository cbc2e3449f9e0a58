"""Password rules with Czech messages.

Django's Czech catalogue lacks the plural message of ``MinimumLengthValidator`` (it changed in
Django 5), so a too-short password was refused in English. The rule itself is Django's.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Heslo je příliš krátké. Musí mít alespoň %(min_length)d znak.",
            "Heslo je příliš krátké. Musí mít alespoň %(min_length)d znaků.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Heslo musí mít alespoň %(min_length)d znak.",
            "Heslo musí mít alespoň %(min_length)d znaků.",
            self.min_length,
        ) % {"min_length": self.min_length}
