"""One translation catalogue for the whole site (issue 11): locale/ at the top, nothing in the apps."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation

import spojka


def test_no_app_keeps_a_catalogue_of_its_own():
    assert list(Path(spojka.__file__).resolve().parent.rglob("locale")) == []
    assert settings.LOCALE_PATHS == [settings.BASE_DIR / "locale"]


def test_the_plans_strings_come_from_the_one_catalogue():
    with translation.override("en"):
        assert translation.gettext("Plány sociálního začleňování") == "Social inclusion plans"
        assert translation.gettext("administrátor agentury") == "agency administrator"
