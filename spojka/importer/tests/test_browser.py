from __future__ import annotations

from pathlib import Path

import pytest

from spojka.importer.models import ImportDraft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).parent / "fixtures" / "jihlava.txt"


def test_the_agency_admin_imports_the_seed_into_the_unit_with_its_ico(browser_page, world, tmp_path):
    """The world's unit has Jihlava's IČO 00286010, so the import adds a new version to it."""
    page = browser_page
    page.login("agentura")

    # A file that is not a cooperation description: the reason next to the field, on an accessible page.
    other = tmp_path / "recept.txt"
    other.write_text("Bábovka: mouka, cukr, vejce.", encoding="utf-8")
    page.goto("/import/")
    page.page.get_by_label("Soubor s popisem spolupráce").set_input_files(str(other))
    page.page.get_by_role("button", name="Načíst a zkontrolovat").click()
    page.check()
    assert "Text nevypadá jako popis spolupráce" in page.page.locator("#id_file_error").inner_text()

    page.page.get_by_label("Soubor s popisem spolupráce").set_input_files(str(SEED))
    page.page.get_by_role("button", name="Načíst a zkontrolovat").click()
    page.check()
    main = page.page.locator("main").inner_text()
    assert "Kontrola importu" in main
    assert "Územní celek s IČO 00286010 už v Spojce je (Statutární město Jihlava)" in main
    assert "v dokumentu nevyplněno" in main  # the regional head's empty cell
    assert page.page.get_by_label("Datum memoranda o spolupráci").input_value() == "2021-11-02"
    assert page.page.locator("table tbody tr th[scope=row]").count() == 6

    page.page.get_by_role("button", name="Potvrdit a naimportovat").click()
    page.check()
    description = world.unit.descriptions.get(version=2)
    assert page.page.url.endswith(f"/u/jihlava/popis/{description.pk}/")
    text = page.page.locator("main").inner_text()
    assert "Popis spolupráce byl naimportován jako návrh." in text
    assert "Statutární město Jihlava" in text  # the matched unit keeps its name
    assert "Mgr. Lumír Bartů" in text
    assert description.activities.count() == 6

    # The imported draft's page says so and offers the way to the description.
    page.goto(ImportDraft.objects.get().get_absolute_url())
    assert "Tento dokument už byl naimportován." in page.page.locator("main").inner_text()
