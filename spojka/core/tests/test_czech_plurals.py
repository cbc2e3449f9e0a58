"""Czech has three plural forms (1 výsledek, 2–4 výsledky, 5 výsledků); a msgid/msgid_plural pair in a
template has two. The Czech catalogue gives the three forms of every plural message."""

from __future__ import annotations

import gettext

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext


def _catalog(language: str) -> gettext.GNUTranslations:
    with open(settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)


def test_every_plural_message_has_its_three_czech_forms():
    plural_ids = {key[0] for key in _catalog("en")._catalog if isinstance(key, tuple)}
    czech = _catalog("cs")
    assert len(plural_ids) >= 15
    missing = [m for m in plural_ids if not all(czech._catalog.get((m, i)) for i in range(3))]
    assert missing == []
    assert [czech.plural(n) for n in (1, 2, 4, 5, 11, 22)] == [0, 1, 1, 2, 2, 2]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "Nalezen 1 výsledek."), (3, "Nalezeny 3 výsledky."), (7, "Nalezeno 7 výsledků.")],
)
def test_the_forms_follow_the_number(n, expected):
    with translation.override("cs"):
        assert ngettext("Nalezen %(n)s výsledek.", "Nalezeno %(n)s výsledků.", n) % {"n": n} == expected


def test_the_agency_home_totals_two_units_in_the_few_form(world, login):
    from django.urls import reverse

    page = login(world.users["agency_admin"]).get(reverse("agency:home")).content.decode()
    assert "Souhrn za 2 územní celky podle filtru" in page
