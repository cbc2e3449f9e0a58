"""The agency pages in real Chromium with axe-core on every page, and at 390 px without sideways scroll."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from spojka.agency.tests.helpers import full_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_agency_admin_filters_sorts_records_and_submits_the_report(browser_page, world):
    today = timezone.localdate()
    full_unit(1, today, consultant=world.users["consultant"], ending=True)
    full_unit(2, today - timedelta(days=200))
    page = browser_page
    page.login("agentura")
    page.page.get_by_role("link", name="Přehled agentury").click()
    page.check()
    page.assert_fits_phone()
    main = page.page.locator("main")
    text = main.inner_text()
    assert "končí za 30" in text, text

    page.page.get_by_label("končí do 90 dnů").check()
    page.page.get_by_role("button", name="Zobrazit").click()
    page.check()
    assert "konci=1" in page.page.url
    assert page.page.locator("tbody tr").count() == 1

    page.page.get_by_role("link", name="Dní do konce").click()
    page.check()
    assert "razeni=days" in page.page.url and "konci=1" in page.page.url

    page.goto("/agentura/")
    page.page.get_by_role("link", name="Memoranda a podpora – Obec 001").click()
    page.check()
    page.assert_fits_phone()
    page.page.get_by_role("link", name="Přidat období podpory").click()
    page.check()
    page.page.get_by_label("Typ podpory").select_option("intensive")
    page.page.get_by_label(re.compile(r"^Od:( \*)?$")).fill((today - timedelta(days=10)).isoformat())
    page.page.get_by_role("button", name="Uložit").click()
    page.check()
    page.page.get_by_role("link", name="Přidat období podpory").click()
    page.check()
    page.page.get_by_label("Typ podpory").select_option("remote")
    page.page.get_by_label(re.compile(r"^Od:( \*)?$")).fill(today.isoformat())
    page.page.get_by_role("button", name="Uložit").click()
    page.check()  # the error state of the form
    assert "Období se překrývá" in page.page.locator("main").inner_text()
    page.assert_fits_phone()
    page.goto("/agentura/celky/obec-001/memorandum/nove/")
    page.goto("/agentura/celky/obec-001/stanovisko/nove/")

    page.goto("/agentura/zprava-projektu/")
    page.assert_fits_phone()
    page.page.get_by_role("button", name="Vygenerovat a uložit").click()
    page.check()
    assert "byla uložena" in page.page.locator("main").inner_text()
    page.goto("/agentura/moje-celky/")
    page.assert_fits_phone()


def test_the_consultant_finds_moje_celky_in_the_header(browser_page, world):
    today = timezone.localdate()
    full_unit(1, today, consultant=world.users["consultant"], ending=True)
    page = browser_page
    page.login("konzultant")
    page.goto(f"/u/{world.unit.slug}/prehled/")
    page.page.get_by_role("link", name="Moje celky").click()
    page.check()
    page.assert_fits_phone()
    assert "Konec platnosti popisu spolupráce" in page.page.locator("main").inner_text()
    page.page.get_by_role("form", name="Filtr podle územního celku").get_by_label(
        "Územní celek"
    ).select_option("obec-001")
    page.page.get_by_role("button", name="Zobrazit").click()
    page.check()
    page.goto("/agentura/")
    page.assert_fits_phone()
