"""The long lists in Chromium with axe-core: text filter, XLSX download of the filtered list, and no
sideways scroll at 390 px (issue 15, items 3–5)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from spojka.core.tests.test_list_exports import _data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [
    ("jednani/", "plenum", "Stáhnout seznam jednání (XLSX)", "Plénum LP – březen"),
    ("ukoly/", "novotna", "Stáhnout seznam úkolů (XLSX)", "Připravit rozpočet"),
    ("partnerstvi/osoby/", "novotna", "Stáhnout seznam osob (XLSX)", "Novotná"),
    ("partnerstvi/organizace/", "skola", "Stáhnout seznam organizací (XLSX)", "Základní škola Horní"),
    ("dokumenty/", "analyza", "Stáhnout seznam dokumentů (XLSX)", "Analýza bydlení"),
    ("vzdelavani/", "dluz", "Stáhnout seznam vzdělávacích aktivit (XLSX)", "Seminář o dluzích"),
]


def test_editor_filters_each_list_and_downloads_it_on_a_phone(browser_page, world):
    _data(world)
    page, p = browser_page, browser_page.page
    page.login("editor")
    for path, query, link, expected in LISTS:
        page.goto(f"/u/{world.unit.slug}/{path}")
        page.assert_fits_phone()
        p.locator("#list-q, #id_q").first.fill(query)
        p.locator("main form[role=search] button[type=submit]").first.click()
        page.check()
        page.assert_fits_phone()
        assert expected in p.locator("main").inner_text()
        with p.expect_download() as info:
            p.get_by_role("link", name=link).click()
        book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
        values = [c.value for row in book.active.iter_rows(min_row=2) for c in row]
        assert book.active.max_row == 2 and any(expected in str(v) for v in values), (path, values)


def test_unit_history_downloads_and_prints_its_changes(browser_page, world):
    from auditlog.context import set_actor

    from spojka.partnership.models import Person

    with set_actor(world.users["editor"]):
        Person.objects.create(unit=world.unit, first_name="Jan", last_name="Šebesta")
    page, p = browser_page, browser_page.page
    page.login("konzultant")
    page.goto(f"/u/{world.unit.slug}/historie/")
    page.assert_fits_phone()
    with p.expect_download() as info:
        p.get_by_role("link", name="Stáhnout historii změn (XLSX)").click()
    values = [
        c.value
        for row in load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active.iter_rows(min_row=2)
        for c in row
    ]
    assert "Jan Šebesta" in values
    p.emulate_media(media="print")  # on the history page the history is the record: it prints
    assert p.locator("main .app-history").is_visible() and not p.locator(".app-nav").is_visible()
