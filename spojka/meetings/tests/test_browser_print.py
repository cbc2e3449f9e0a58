"""A meeting page prints as the meeting (issue 15, item 5): no navigation, search, history, forms or
buttons on paper; the record's sections stay. On a phone it does not scroll sideways."""

from __future__ import annotations

import pytest

from spojka.meetings.tests.matrix import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_ON_PAPER = [
    ".app-header",
    ".app-nav",
    ".app-search",
    ".app-breadcrumbs",
    ".app-footer",
    ".app-history",
    "main .app-actions",
    "main form",
    "main button",
]


def test_meeting_prints_as_the_record_and_fits_a_phone(browser_page, world):
    build(world)
    page, p = browser_page, browser_page.page
    page.login("editor")
    page.goto(world.held_meeting.get_absolute_url())
    page.assert_fits_phone()
    assert p.locator("main .app-actions").first.is_visible()  # on screen the buttons are there
    p.emulate_media(media="print")
    try:
        for selector in HIDDEN_ON_PAPER:
            for element in p.locator(selector).all():
                assert not element.is_visible(), f"{selector} is printed"
        assert p.get_by_role("heading", level=1, name=world.held_meeting.title).is_visible()
        for heading in ["Kdy a kde", "Program", "Pozvaní a účast", "Úkoly"]:
            assert p.get_by_role("heading", level=2, name=heading).is_visible(), heading
        assert p.get_by_text("Připravit podklady").is_visible()
        pdf = p.pdf(format="A4")
        assert pdf[:4] == b"%PDF"
    finally:
        p.emulate_media(media="screen")


def test_lists_print_without_filters_or_navigation(browser_page, world):
    build(world)
    page, p = browser_page, browser_page.page
    page.login("partner")
    page.goto(f"/u/{world.unit.slug}/jednani/")
    page.assert_fits_phone()
    p.emulate_media(media="print")
    assert not p.locator("main form[role=search]").is_visible()
    assert not p.locator(".app-nav").is_visible()
    assert p.locator("main table").is_visible()


def test_editor_invites_the_asz_consultant_from_the_meeting_page(browser_page, world):
    build(world)
    consultant = world.users["consultant"]
    consultant.first_name, consultant.last_name, consultant.email = "Karel", "Poradce", "karel@asz.example"
    consultant.save()
    page, p = browser_page, browser_page.page
    page.login("editor")
    page.goto(world.meeting.get_absolute_url())
    p.get_by_role("link", name="Pozvat hosta nebo konzultanta ASZ").click()
    page.check()
    page.assert_fits_phone()
    p.get_by_role("button", name="Pozvat e-mailem").click()  # nothing filled in: errors at the fields
    page.check()
    p.get_by_label("Uživatel Spojky").select_option(label="Karel Poradce <karel@asz.example>")
    p.get_by_label("Organizace").fill("ASZ")
    p.get_by_role("button", name="Pozvat e-mailem").click()
    page.check()
    assert (
        "Pozvánka pro Karel Poradce (karel@asz.example) čeká na odeslání." in p.locator("main").inner_text()
    )
    assert "Karel Poradce (ASZ)" in p.locator("main").inner_text()
    page.assert_fits_phone()
