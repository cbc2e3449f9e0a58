from __future__ import annotations

import re

import pytest

from spojka.partnership.models import Organisation, PartnershipMember, Statute, WorkingGroup
from spojka.partnership.tests.matrix import TINY_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page, name: str = "Uložit") -> None:
    page.page.get_by_role("button", name=name).click()
    page.check()


def test_editor_builds_the_partnership_through_every_page(browser_page, world, settings, tmp_path):
    page = browser_page
    base = f"/u/{world.unit.slug}/partnerstvi/"
    page.login("editor")
    page.goto(base)
    assert "Lokální partnerství zatím není zapsáno." in page.page.locator("main").inner_text()

    # The LP itself.
    page.goto(base + "upravit/")
    page.page.get_by_label("Zřizovatel").fill(
        "radní pro oblast školství, kultury, tělovýchovy a sociálních věcí"
    )
    page.page.get_by_label("Poslání").fill("Stálý koordinační, poradní a iniciativní orgán.")
    _save(page)
    assert "radní pro oblast školství" in page.page.locator("main").inner_text()

    # An organisation: an invalid IČO is refused next to the field, then a valid one is saved.
    page.goto(base + "organizace/")
    page.goto(base + "organizace/nova/")
    page.page.get_by_label("Název").fill("Občanská poradna Jihlava")
    page.page.get_by_label("IČO").fill("12345678")
    page.page.get_by_label("Kategorie").select_option("ngo")
    _save(page)
    assert "IČO musí mít 8 číslic" in page.page.locator("#id_ico_error").inner_text()
    page.page.get_by_label("IČO").fill("")
    _save(page)
    organisation = Organisation.objects.get()
    page.goto(base + f"organizace/{organisation.pk}/")

    # A person of the unit, with an invalid e-mail first.
    page.goto(base + "osoby/")
    page.goto(base + "osoby/nova/")
    page.page.get_by_label("Titul před jménem").fill("Mgr.")
    page.page.get_by_label(re.compile(r"^Jméno:( \*)?$")).fill("Kateřina")
    page.page.get_by_label("Příjmení").fill("Kolářová")
    page.page.get_by_label("Organizace").select_option(label="Občanská poradna Jihlava")
    page.page.get_by_label("Funkce").fill("dluhová poradkyně (smyšlená osoba)")
    page.page.get_by_label("Pracovní e-mail").fill("katerina@")
    _save(page)
    assert "Zadejte platnou e-mailovou adresu" in page.page.locator("#id_email_error").inner_text()
    page.page.get_by_label("Pracovní e-mail").fill("katerina.kolarova@example.org")
    _save(page)
    assert "Mgr. Kateřina Kolářová" in page.page.locator("main").inner_text()
    person = world.unit.people.get()
    page.goto(base + f"osoby/{person.pk}/")

    # A working group, created through the UI.
    page.goto(base)
    page.page.get_by_role("link", name="Nová pracovní skupina").click()
    page.check()
    page.page.get_by_label("Název").fill("sociální začleňování")
    page.page.get_by_label("Druh").select_option("cross_cutting")
    page.page.get_by_label("Vedoucí").select_option(label="Mgr. Kateřina Kolářová")
    _save(page)
    group = WorkingGroup.objects.get(unit=world.unit)
    assert group.leader == person
    page.goto(base + f"skupiny/{group.pk}/")

    # A member of the plenary, created through the UI.
    page.goto(base)
    page.page.get_by_role("link", name="Nový člen").click()
    page.check()
    page.page.get_by_label("Organizace").select_option(label="Občanská poradna Jihlava")
    page.page.get_by_label("Zástupce").select_option(label="Mgr. Kateřina Kolářová")
    page.page.get_by_label("Role").select_option("chair")
    page.page.get_by_label("Členem od").fill("2021-06-01")
    _save(page)
    text = page.page.locator("main").inner_text()
    assert "Občanská poradna Jihlava" in text and "předseda" in text
    member = PartnershipMember.objects.get(unit=world.unit)
    assert member.working_group is None

    # The same organisation in the plenary again, overlapping: refused with the reason.
    page.goto(base + "clenove/novy/")
    page.page.get_by_label("Organizace").select_option(label="Občanská poradna Jihlava")
    page.page.get_by_label("Zástupce").select_option(label="Mgr. Kateřina Kolářová")
    page.page.get_by_label("Členem od").fill("2022-01-01")
    _save(page)
    assert "období členství se nesmí překrývat" in page.page.locator("#id_valid_from_error").inner_text()
    assert PartnershipMember.objects.count() == 1

    page.goto(base + f"clenove/{member.pk}/")
    page.goto(base + f"clenove/{member.pk}/ukoncit/")
    page.page.get_by_label("Členem do").fill("2022-06-30")
    _save(page, "Ukončit členství")
    member.refresh_from_db()
    assert str(member.valid_to) == "2022-06-30"
    page.goto(base + "historie-clenstvi/")
    assert "30. 6. 2022" in page.page.locator("main").inner_text()

    # The statute: uploaded, listed as current, downloadable.
    page.goto(base + "statut/")
    page.goto(base + "statut/novy/")
    page.page.get_by_label("Účinnost od").fill("2021-06-01")
    page.page.get_by_label("Soubor").set_input_files(
        files=[{"name": "statut.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}]
    )
    _save(page, "Nahrát")
    statute = Statute.objects.get(unit=world.unit)
    assert "(platná)" in page.page.locator("main").inner_text()
    with page.page.expect_download() as download:
        page.page.get_by_role("link", name=f"(verze {statute.version})").click()
    assert download.value.suggested_filename == "statut.pdf"
