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
