"""Issue 15 in Chromium with axe-core at 390 px: attendance shortcuts, the refusal before the start,
the .ics link of a meeting."""

from __future__ import annotations

import pytest

from spojka.meetings.models import Attendance
from spojka.meetings.tests.matrix import build
from spojka.partnership.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_390(page) -> None:
    wide = page.page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 390)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert page.page.evaluate("document.documentElement.scrollWidth <= 390"), (page.page.url, wide)


def test_editor_marks_everyone_present_except_one_on_a_phone(browser_page, world):
    build(world)
    meeting = world.held_meeting
    meeting.invitations.update(attendance="")
    for n in range(4):
        person = Person.objects.create(unit=world.unit, first_name="Členka", last_name=f"Pokusná {n}")
        meeting.invitations.create(unit=world.unit, person=person)
    page, p = browser_page, browser_page.page
    p.set_viewport_size({"width": 390, "height": 844})
    page.login("editor")

    # Before the start of the planned meeting: the reason, no form.
    page.goto(f"/u/{world.unit.slug}/jednani/{world.meeting.pk}/ucast/")
    assert "Jednání ještě nezačalo" in p.get_by_role("alert").inner_text()
    _fits_390(page)

    # The meeting page's tables are made to fit phones by issue 15's item 5 (helper findit).
    page.goto(meeting.get_absolute_url())
    assert p.get_by_role("link", name="jednání jako soubor .ics").is_visible()
    p.get_by_role("link", name="Zaznamenat účast").click()
    page.check()
    p.get_by_role("button", name="Všichni přítomni").click()
    page.check()
    _fits_390(page)
    assert "zatím nic uloženo není" in p.get_by_role("status").inner_text()
    p.get_by_label("Členka Pokusná 2").select_option("excused")
    p.get_by_role("button", name="Uložit", exact=True).click()
    page.check()
    assert "Účast byla zaznamenána." in p.get_by_role("status").first.inner_text()
    states = dict(meeting.invitations.values_list("person__last_name", "attendance"))
    assert states.pop("Pokusná 2") == Attendance.EXCUSED
    assert set(states.values()) == {Attendance.PRESENT}


def test_editor_closes_reopens_and_attaches_a_material_on_a_phone(browser_page, world, tmp_path, settings):
    from pathlib import Path

    build(world)
    meeting = world.held_meeting
    page, p = browser_page, browser_page.page
    p.set_viewport_size({"width": 390, "height": 844})
    page.login("editor")

    page.goto(meeting.get_absolute_url())
    p.get_by_role("link", name="přidat podklad k jednání").click()
    page.check()
    _fits_390(page)
    p.get_by_label("Název podkladu").fill("Analýza bydlení")
    odt = Path(__file__).parents[2] / "documents" / "tests" / "files" / "zapis.odt"
    p.get_by_label("Soubor").set_input_files(str(odt))
    p.get_by_role("button", name="Nahrát").click()
    page.check()
    assert p.get_by_role("link", name="Analýza bydlení").is_visible()

    p.get_by_role("link", name="Uzavřít jednání").click()
    page.check()
    _fits_390(page)
    p.get_by_role("button", name="Ano, uzavřít").click()
    page.check()
    assert p.get_by_role("link", name="Záznam z jednání – Proběhlé jednání PS").is_visible()

    p.get_by_role("link", name="Znovu otevřít").click()
    page.check()
    _fits_390(page)
    p.get_by_role("button", name="Znovu otevřít").click()
    page.check()  # the reason is required: the error by the field
    assert p.locator("#id_reason_error").is_visible()
    p.get_by_label("Důvod znovuotevření").fill("Chybí omluva jedné členky.")
    p.get_by_role("button", name="Znovu otevřít").click()
    page.check()
    meeting.refresh_from_db()
    assert (meeting.state, meeting.reopen_reason) == ("held", "Chybí omluva jedné členky.")


def test_editor_builds_the_agenda_in_place_with_htmx_on_a_phone(browser_page, world):
    build(world)
    meeting = world.meeting
    page, p = browser_page, browser_page.page
    p.set_viewport_size({"width": 390, "height": 844})
    page.login("editor")
    page.goto(f"/u/{world.unit.slug}/jednani/{meeting.pk}/program/")
    _fits_390(page)
    url_before = p.url

    # Add two points: the editor swaps itself, the page does not reload, focus returns to the title.
    for title in ("Bydlení", "Zaměstnanost"):
        p.get_by_label("Název bodu").fill(title)
        p.get_by_role("button", name="Přidat bod").click()
        p.wait_for_function(
            "t => document.getElementById('agenda-status').textContent.includes(t)", arg=title
        )
        # htmx focuses the [autofocus] field once the swapped content settles.
        p.wait_for_function("() => document.activeElement && document.activeElement.id === 'new-title'")
    page.check()
    assert p.url == url_before

    # Move the last point up with the keyboard: focus stays on the moved point's button.
    last = meeting.agenda_items.get(title="Zaměstnanost")
    p.get_by_role("button", name="Nahoru – bod 3").focus()
    p.keyboard.press("Enter")
    p.wait_for_function("() => document.getElementById('agenda-status').textContent.includes('výš')")
    p.wait_for_function("() => document.activeElement.getAttribute('aria-label') === 'Nahoru – bod 2'")
    assert list(meeting.agenda_items.order_by("order").values_list("title", flat=True)) == [
        "Úvod",
        "Zaměstnanost",
        "Bydlení",
    ]
    page.check()
    _fits_390(page)

    # Remove with the native confirmation dialog.
    p.once("dialog", lambda dialog: dialog.accept())
    p.get_by_role("button", name="Odebrat – bod 2").click()
    p.wait_for_function("() => document.getElementById('agenda-status').textContent.includes('odebrán')")
    assert not meeting.agenda_items.filter(pk=last.pk).exists()
    page.check()
    # Reflow at 320 px (WCAG 1.4.10): the editor still fits without sideways scrolling.
    p.set_viewport_size({"width": 320, "height": 700})
    wide = p.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 320)"
        ".slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert p.evaluate("document.documentElement.scrollWidth <= 320"), wide
