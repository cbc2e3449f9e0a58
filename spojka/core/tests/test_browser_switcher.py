"""The unit switcher of a consultant with 120 units in real Chromium: a search with the names as
suggestions, one match opens the unit, several the filtered list; axe-core, and 390 px wide."""

from __future__ import annotations

import pytest

from spojka.accounts.models import Membership, Role
from spojka.conftest import make_user
from spojka.cooperation.models import TerritorialUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll_at_390(page) -> None:
    page.page.set_viewport_size({"width": 390, "height": 844})
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    switcher = page.page.get_by_label("Územní celek")
    assert switcher.is_visible()
    box = switcher.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.page.set_viewport_size({"width": 1280, "height": 900})


def test_a_consultant_with_many_units_finds_one_by_typing(browser_page):
    user = make_user("konzultantka")
    units = TerritorialUnit.objects.bulk_create(
        TerritorialUnit(
            name=f"Obec Lhota {i:03}", slug=f"lhota-{i}", ico=f"7{i:07}", seat_address="x", region="vysocina"
        )
        for i in range(120)
    )
    Membership.objects.bulk_create(Membership(user=user, unit=u, role=Role.CONSULTANT) for u in units)
    page = browser_page
    page.login("konzultantka")
    page.goto("/celky/")
    assert page.page.locator("#unit-switch-list option").count() == 120
    _no_sideways_scroll_at_390(page)

    switcher = page.page.get_by_label("Územní celek")
    switcher.fill("Lhota 042")
    page.page.get_by_role("button", name="Přepnout").click()
    page.check()
    assert "/u/lhota-42/" in page.page.url
    assert "Obec Lhota 042" in page.page.locator("h1").inner_text()
    _no_sideways_scroll_at_390(page)

    page.page.get_by_label("Územní celek").fill("Lhota 10")
    page.page.get_by_role("button", name="Přepnout").click()
    page.check()
    rows = page.page.locator("main tbody tr")
    assert rows.count() == 10
    assert page.page.get_by_label("Hledat podle názvu").input_value() == "Lhota 10"
