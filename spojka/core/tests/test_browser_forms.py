"""Forms with the keyboard alone and on a narrow screen, in real Chromium with axe-core (issue 15,
item 9): an invalid submit puts focus on the error summary, whose links lead to the fields; the
required mark is visible; the longest forms reflow at 320 px (WCAG 1.4.10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from spojka.meetings.tests.matrix import build as build_meetings
from spojka.plans.tests.matrix import build as build_plans

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _active(page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.tagName")


def _tab_to(page, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element has focus, as a keyboard user gets there."""
    for _ in range(limit):
        if _active(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def test_an_invalid_submit_with_the_keyboard_lands_on_the_error_summary(browser_page, world):
    page = browser_page
    p = page.page
    page.login("editor")
    page.goto(reverse("partnership:organisation_create", kwargs={"unit": world.unit.slug}))
    label = p.locator("label[for=id_name]")
    assert label.locator(".app-required").is_visible()
    assert "Pole označená * jsou povinná." in p.locator(".app-required-note").inner_text()

    _tab_to(p, "id_name")
    with p.expect_navigation():
        p.keyboard.press("Enter")  # the name is empty: the form comes back
    page.check()

    assert p.title().startswith("Chyba: ")
    assert _active(p) == "souhrn-chyb"
    summary = p.locator("#souhrn-chyb")
    assert "Formulář nelze uložit. Opravte prosím:" in summary.inner_text()
    p.keyboard.press("Tab")
    link = p.locator("#souhrn-chyb a").first
    assert link.get_attribute("href") == "#id_name"
    assert p.evaluate("() => document.activeElement.getAttribute('href')") == "#id_name"
    p.keyboard.press("Enter")
    assert _active(p) == "id_name"
    assert p.locator("#id_name").get_attribute("aria-invalid") == "true"

    p.keyboard.type("Charita Jihlava")
    with p.expect_navigation():
        p.keyboard.press("Enter")
    page.check()
    assert not p.title().startswith("Chyba")
    assert p.locator("[data-error-summary]").count() == 0


def test_a_wrong_password_shows_one_specific_error_with_focus_on_it(browser_page):
    page = browser_page
    p = page.page
    page.goto("/ucet/prihlaseni/")
    p.get_by_label("Uživatelské jméno").fill("editor")
    p.get_by_label("Heslo").fill("spatne-heslo")
    p.get_by_role("button", name="Přihlásit se").click()
    page.check()

    assert p.get_by_role("alert").count() == 1
    assert _active(p) == "souhrn-chyb"
    assert "vyznačená pole" not in p.locator("main").inner_text()
    assert p.title().startswith("Chyba: ")


def test_the_longest_forms_reflow_at_320_px(browser_page, world):
    build_meetings(world)
    build_plans(world)
    page = browser_page
    page.login("editor")
    unit = world.unit.slug
    for path in (
        reverse(
            "plans:monitoring_edit", kwargs={"unit": unit, "pk": world.plan.pk, "year": world.plan_round.year}
        ),
        reverse("meetings:agenda_edit", kwargs={"unit": unit, "pk": world.meeting.pk}),
        reverse("meetings:meeting_list", kwargs={"unit": unit}),
        reverse("meetings:meeting_create", kwargs={"unit": unit}),
    ):
        page.goto(path)
        page.assert_fits_phone(320)
