from __future__ import annotations

from pathlib import Path

import pytest

from spojka.compliance.models import Rule
from spojka.importer.models import ImportDraft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "jihlava.txt"


def _no_horizontal_scroll(page) -> None:
    page.page.set_viewport_size({"width": 390, "height": 844})
    wide = page.page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
        ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide
    page.page.set_viewport_size({"width": 1280, "height": 900})


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
    assert page.page.locator("fieldset[id^=cinnost-]").count() == 6

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


def test_the_review_flags_doubts_unticks_fragments_and_edits_rules(browser_page, world, tmp_path):
    """A document whose member list caught a footnote and whose LP rule lost its period."""
    text = (
        SEED.read_text(encoding="utf-8")
        .replace("Informační centrum Vysočina)", "Informační centrum Vysočina, případně kraje)")
        .replace("Minimálně 4x ročně (vč. \npracovních skupin)", "Minimálně 4x (vč. \npracovních skupin)")
    )
    upload = tmp_path / "popis-s-pochybnostmi.txt"
    upload.write_text(text, encoding="utf-8")
    page = browser_page
    page.login("agentura")
    page.goto("/import/")
    page.page.get_by_label("Soubor s popisem spolupráce").set_input_files(str(upload))
    page.page.get_by_role("button", name="Načíst a zkontrolovat").click()
    page.check()
    _no_horizontal_scroll(page)

    # Every doubt is listed on top with its reason and a link to the value.
    doubts = page.page.locator("#k-overeni").inner_text()
    assert "Člen LP „případně kraje“: začíná spojkou" in doubts
    assert "Pravidlo 1 činnosti 1: počet bez období" in doubts
    # The fragment is offered unticked; the real members ticked.
    assert not page.page.get_by_label("Importovat člena 16", exact=True).is_checked()
    assert page.page.get_by_label("Importovat člena 15", exact=True).is_checked()

    # The flagged rule is corrected on the page: four a year, LP meetings, working groups count.
    page.page.locator("#k-overeni").get_by_role("link", name="Pravidlo 1 činnosti 1").click()
    assert page.page.get_by_label("Kolikrát (pravidlo 1 činnosti 1)").input_value() == "4"
    page.page.get_by_label("Za jaké období (pravidlo 1 činnosti 1)").select_option("year")
    page.page.get_by_label("Která jednání se počítají (pravidlo 1 činnosti 1)").select_option("lp_plenary")
    # And a rule the document lacks is added to the training activity.
    page.page.get_by_label("Druh pravidla 2 činnosti 6").select_option("periodic_output")
    page.page.get_by_label("Kolikrát (pravidlo 2 činnosti 6)").fill("1")
    page.page.get_by_label("Za jaké období (pravidlo 2 činnosti 6)").select_option("year")
    page.page.get_by_label("Dokládající dokument (pravidlo 2 činnosti 6)").select_option("certificate")
    summary = page.page.locator("section[aria-labelledby=souhrn]").inner_text()
    assert "návrh, verze 2" in summary

    page.page.get_by_role("button", name="Potvrdit a naimportovat").click()
    page.check()
    description = world.unit.descriptions.get(version=2)
    lp_rule = Rule.objects.get(activity__description=description, activity__order=1)
    assert (lp_rule.kind, lp_rule.per_year, lp_rule.meeting_kinds, lp_rule.counts_working_groups) == (
        "frequency",
        4,
        ["lp_plenary"],
        True,
    )
    added = Rule.objects.get(activity__description=description, activity__order=6, order=2)
    assert (added.kind, added.per_year, added.document_type) == ("periodic_output", 1, "certificate")
    assert not description.unit.partnership_members.filter(organisation__name="případně kraje").exists()
