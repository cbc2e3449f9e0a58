"""The unit search in Chromium with axe-core, on a desktop and at 390 px (issue 15, item 3)."""

from __future__ import annotations

import pytest

from spojka.meetings.tests.matrix import build
from spojka.partnership.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_searches_from_the_navigation_without_diacritics(browser_page, world):
    build(world)
    for n in range(7):
        Person.objects.create(
            unit=world.unit, first_name="Marie", last_name=f"Novotná {n}", function="sociální pracovnice"
        )
    page, p = browser_page, browser_page.page
    page.login("partner")
    page.goto(f"/u/{world.unit.slug}/historie/")
    page.assert_fits_phone()
    p.get_by_role("search", name="Hledat v územním celku").get_by_label("Hledaný text").fill("novotna")
    p.get_by_role("search", name="Hledat v územním celku").get_by_role("button", name="Hledat").click()
    page.check()
    page.assert_fits_phone()
    main = p.locator("main")
    assert "Osoby (7)" in main.inner_text() and "Novotná 0" in main.inner_text()
    p.get_by_role("link", name="Všechny výsledky: osoby (7)").click()
    page.check()
    page.assert_fits_phone()
    assert main.inner_text().count("Novotná") == 7
    # a query that finds nothing says so
    p.locator("#search-q").fill("zzzz neexistuje")
    p.locator("main").get_by_role("button", name="Hledat").click()
    page.check()
    assert "Nic nebylo nalezeno." in main.inner_text()


def test_the_accessibility_statement_is_linked_from_the_footer_and_fits_a_phone(browser_page, world):
    page, p = browser_page, browser_page.page
    page.login("partner")
    p.locator("footer").get_by_role("link", name="Prohlášení o přístupnosti").click()
    page.check()
    page.assert_fits_phone()
    assert p.title() == "Prohlášení o přístupnosti – Spojka"
    assert "částečně v souladu" in p.locator("main").inner_text()
