"""Real Chromium with axe-core: the pages of issue 13 (error pages, lockout, personal data)."""

from __future__ import annotations

import pytest

from spojka.partnership.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_390(page) -> None:
    page.page.set_viewport_size({"width": 390, "height": 844})
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.page.url
    page.page.set_viewport_size({"width": 1280, "height": 900})


def test_the_agency_admin_anonymises_a_person_from_the_persons_page(browser_page, world):
    person = Person.objects.create(
        unit=world.unit, first_name="Petra", last_name="Smazaná", email="p@example.org"
    )
    page = browser_page
    page.login("agentura")
    page.goto(f"/u/{world.unit.slug}/partnerstvi/osoby/{person.pk}/")
    page.page.get_by_role("link", name="Anonymizovat osobu").click()
    page.check()
    _fits_390(page)
    assert "nevratně odstraněny" in page.page.locator("main").inner_text()
    page.page.get_by_role("button", name="Anonymizovat nevratně").click()
    page.check()
    assert "Osoba byla anonymizována" in page.page.locator("main").inner_text()
    assert "Smazaná" not in page.page.locator("main").inner_text()


def test_the_czech_error_pages_and_the_lockout_page_pass_axe(browser_page, world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    page = browser_page
    page.goto("/overeni/NEEXISTUJE-1234/")
    assert "Stránka nebyla nalezena" in page.page.locator("main").inner_text()
    _fits_390(page)
    for _ in range(2):
        page.goto("/ucet/prihlaseni/")
        page.page.get_by_label("Uživatelské jméno").fill("agentura")
        page.page.get_by_label("Heslo").fill("spatne-heslo")
        page.page.get_by_role("button", name="Přihlásit se").click()
        page.check()
    assert "Přihlášení je dočasně zablokováno" in page.page.locator("main").inner_text()
    _fits_390(page)
