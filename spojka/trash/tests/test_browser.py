"""Issue 15, item 1 in Chromium with axe-core at 390 px: delete a training after the confirmation
naming what goes with it, then restore it from the unit's Koš."""

from __future__ import annotations

import pytest

from spojka.training.models import TrainingEvent
from spojka.training.tests.helpers import attend, make_event, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_390(page) -> None:
    assert page.page.evaluate("document.documentElement.scrollWidth <= 390"), page.page.url


def test_editor_deletes_a_training_and_restores_it_from_the_trash(browser_page, world):
    event = make_event(world.unit, "Sousedské soužití")
    for n in range(3):
        attend(event, make_person(world.unit, "Účastnice", f"Č{n}"))
    page, p = browser_page, browser_page.page
    p.set_viewport_size({"width": 390, "height": 844})
    page.login("editor")

    page.goto(event.get_absolute_url())
    p.get_by_role("link", name="Smazat aktivitu").click()
    page.check()
    _fits_390(page)
    heading = p.get_by_role("heading", level=1).inner_text()
    assert heading == "Smazat vzdělávací aktivitu „Sousedské soužití“ a 3 účastníky a jejich osvědčení?"
    p.get_by_role("button", name="Ano, smazat").click()
    page.check()
    assert not TrainingEvent.objects.exists()

    p.get_by_role("link", name="Koš").click()
    page.check()
    _fits_390(page)
    p.get_by_role("button", name="Obnovit Sousedské soužití").click()
    page.check()
    assert p.get_by_role("heading", level=1).inner_text() == "Sousedské soužití"
    assert TrainingEvent.objects.get().participations.count() == 3
