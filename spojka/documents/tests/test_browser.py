from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from spojka.documents.demo import placeholder_pdf
from spojka.documents.tests.helpers import normalise, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _file(name: str, content: bytes, mime: str = "application/pdf") -> dict:
    return {"name": name, "mimeType": mime, "buffer": content}


def test_editor_uploads_generates_saves_and_downloads_documents(browser_page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    p = page.page
    page.login("jihlava", "demo")

    # The library lists the demo documents.
    page.goto("/u/jihlava/dokumenty/")
    assert "Statut a jednací řád lokálního partnerství Jihlava" in p.locator("main").inner_text()

    # A file that is not what its name says is refused, next to the field.
    p.get_by_role("link", name="Nahrát dokument").click()
    page.check()
    p.get_by_label("Druh dokumentu").select_option("minutes")
    p.get_by_label("Název").fill("Záznam z jednání LP 10. 3. 2022")
    p.get_by_label("Datum dokumentu").fill("2022-03-10")
    p.get_by_label("Soubor").set_input_files(_file("zaznam.pdf", b"jen text, zadne PDF"))
    p.get_by_role("button", name="Nahrát").click()
    page.check()
    assert "Nepodporovaný typ souboru" in p.locator("#id_file_error").inner_text()

    # A real PDF is accepted and becomes version 1.
    p.get_by_label("Soubor").set_input_files(_file("zaznam.pdf", placeholder_pdf("Zaznam LP")))
    p.get_by_role("button", name="Nahrát").click()
    page.check()
    assert p.locator("h1").inner_text() == "Záznam z jednání LP 10. 3. 2022"

    # A new version keeps the first one.
    p.get_by_role("link", name="Nahrát novou verzi").click()
    page.check()
    p.get_by_label("Soubor").set_input_files(_file("zaznam-v2.pdf", placeholder_pdf("Zaznam LP v2")))
    p.get_by_role("button", name="Nahrát verzi").click()
    page.check()
    assert "Stáhnout verzi 1 (zaznam.pdf)" in p.locator("main").inner_text()
    with p.expect_download() as download:
        p.get_by_role("link", name="Stáhnout verzi 2 (zaznam-v2.pdf)").click()
    assert Path(download.value.path()).read_bytes() == placeholder_pdf("Zaznam LP v2")
    p.get_by_role("link", name="Upravit údaje").click()
    page.check()

    # Generate the annual report, then keep exactly that file in the library.
    page.goto("/u/jihlava/vystupy/")
    with p.expect_download() as download:
        p.get_by_role("link", name="Zpráva za rok 2022 (PDF)").click()
    text = normalise(pdf_text(Path(download.value.path()).read_bytes()))
    assert "Zpráva o plnění popisu spolupráce za rok 2022" in text and "00286010" in text
    p.get_by_role("button", name="Uložit zprávu 2022 jako PDF").click()
    page.check()
    assert "jako verze 1" in p.locator("main").inner_text()
    with p.expect_download() as download:
        p.get_by_role("link", name="Stáhnout verzi 1").click()
    saved = pdf_text(Path(download.value.path()).read_bytes())
    assert "Zpráva o plnění popisu spolupráce za rok 2022" in normalise(saved)

    # The council's resolution on the report is recorded against the saved document.
    # Follow the link by its address: the download just before leaves no navigation to wait for.
    href = p.get_by_role("link", name="Zapsat usnesení k dokumentu").get_attribute("href")
    assert re.search(r"/usneseni/nove/\?dokument=\d+$", href)
    page.goto(href)
    assert p.get_by_label("Dokument").input_value() != ""
    p.get_by_role("button", name="Uložit").click()
    page.check()
    assert p.locator("#id_number_error").is_visible()
    p.get_by_label("Číslo usnesení").fill("2278/24-RM")
    p.get_by_label("Přijato dne").fill("2024-05-02")
    p.get_by_label("Předmět").fill("Rada města bere na vědomí zprávu o plnění popisu spolupráce za rok 2022.")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    row = p.locator("tr", has_text="2278/24-RM").inner_text()
    assert "Zpráva o plnění popisu spolupráce za rok 2022" in row and "2. 5. 2024" in row

    # The template pages, with a refused upload, and the resolutions.
    page.goto("/u/jihlava/vystupy/sablony/annual_report/")
    p.get_by_label("Šablona DOCX").set_input_files(_file("sablona.docx", placeholder_pdf("x")))
    p.get_by_role("button", name="Ověřit a uložit šablonu").click()
    page.check()
    assert "Povolené typy: DOCX" in p.locator("#id_file_error").inner_text()
    page.goto("/u/jihlava/vystupy/sablony/cooperation_description/")
    page.goto("/u/jihlava/usneseni/")
    assert "0000/21-RM (smyšlené číslo)" in p.locator("main").inner_text()

    # A partner does not even learn that the attendance sheet exists.
    p.context.clear_cookies()
    page.login("partner", "demo")
    page.goto("/u/jihlava/dokumenty/")
    assert "Prezenční listina" not in p.locator("main").inner_text()


def test_editor_sets_up_the_documents_and_the_attendance_sheet_follows(browser_page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    p = page.page
    page.login("jihlava", "demo")
    page.goto("/u/jihlava/dokumenty/")
    p.get_by_role("link", name="Nastavení dokumentů").click()
    page.check()
    assert p.get_by_label("Místo podpisu (6. pád)").input_value() == "V Jihlavě"

    # A place without its preposition is refused in Czech, next to the field; nothing is saved.
    p.get_by_label("Místo podpisu (6. pád)").fill("Jihlava")
    p.get_by_label("Prázdné řádky na prezenční listině").fill("7")
    p.get_by_role("button", name="Uložit nastavení").click()
    page.check()
    assert "6. pádě" in p.locator("#id_signature_place_error").inner_text()

    # A logo that is not an image is refused by its content.
    p.get_by_label("Místo podpisu (6. pád)").fill("V Jihlavě")
    p.get_by_label("Logo pro publicitu").set_input_files(_file("logo.png", b"not an image", "image/png"))
    p.get_by_role("button", name="Uložit nastavení").click()
    page.check()
    assert "Nepodporovaný typ souboru" in p.locator("#id_publicity_logo_error").inner_text()

    p.get_by_role("button", name="Uložit nastavení").click()
    page.check()
    assert "Nastavení dokumentů bylo uloženo." in p.locator("main").inner_text()
    assert p.get_by_label("Prázdné řádky na prezenční listině").input_value() == "7"


def test_editor_signs_a_library_pdf_with_their_certificate(browser_page):
    from spojka.documents.tests.certificates import self_signed_pkcs12

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    p = page.page
    page.login("jihlava", "demo")
    page.goto("/u/jihlava/dokumenty/")
    p.get_by_role("link", name="Statut a jednací řád lokálního partnerství Jihlava").click()
    page.check()
    assert "Žádná verze dokumentu není elektronicky podepsaná." in p.locator("main").inner_text()
    p.get_by_role("link", name="Podepsat verzi 1 elektronicky").click()
    page.check()
    assert "národním seznamům" in p.locator("main").inner_text()

    # A wrong password: a Czech error by the field, no new version.
    p.get_by_label("Certifikát pro podpis (PKCS#12)").set_input_files(
        _file("podpis.p12", self_signed_pkcs12("Jan Editor"), "application/x-pkcs12")
    )
    p.get_by_label("Heslo k certifikátu").fill("spatne")
    p.get_by_role("button", name="Podepsat a uložit novou verzi").click()
    page.check()
    assert "zkontrolujte soubor PKCS#12 a heslo" in p.locator("#id_certificate_error").inner_text()

    p.get_by_label("Certifikát pro podpis (PKCS#12)").set_input_files(
        _file("podpis.p12", self_signed_pkcs12("Jan Editor"), "application/x-pkcs12")
    )
    p.get_by_label("Heslo k certifikátu").fill("heslo")
    p.get_by_role("button", name="Podepsat a uložit novou verzi").click()
    page.check()
    signatures = p.locator("#signatures").inner_text()
    assert "Verze 2: podepsal(a) Jan Editor" in signatures and "podpis platný" in signatures
