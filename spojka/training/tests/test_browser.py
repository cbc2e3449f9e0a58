from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from spojka.training.models import Participation, TrainingEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(p, label: str):
    """A form field by its exact label (Django may add a colon after it)."""
    return p.get_by_label(re.compile(rf"^{re.escape(label)}:?( \*)?$"))


def test_editor_records_a_training_downloads_a_certificate_and_anyone_can_verify_it(
    browser_page, world, staff
):
    page = browser_page
    p = page.page
    unit = world.unit.slug
    page.login("editor")
    page.goto(f"/u/{unit}/vzdelavani/")
    assert "Plnění závazku vzdělávání" in p.locator("main").inner_text()

    # A hybrid event without its distance part is refused, on an accessible page.
    p.get_by_role("link", name="Nová vzdělávací aktivita").click()
    page.check()
    field(p, "Název").fill("Prostupné zaměstnávání v praxi")
    field(p, "Druh").select_option("seminar")
    field(p, "Forma").select_option("hybrid")
    field(p, "Začátek").fill("2022-05-12")
    field(p, "Prezenčních hodin").fill("2")
    field(p, "Distančních hodin").fill("0")
    field(p, "Tematická oblast").select_option(label="Bydlení (popis spolupráce, verze 1)")
    field(p, "Lektor").fill("Mgr. Karel Vzorový")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    assert "prezenční i distanční část" in p.locator("#id_distance_hours_error").inner_text()
    field(p, "Distančních hodin").fill("4")
    p.get_by_role("button", name="Uložit").click()
    page.check()
    assert p.locator("h1").inner_text() == "Prostupné zaměstnávání v praxi"
    event = TrainingEvent.objects.get()

    # Two people attended the whole event, a third one partly.
    p.get_by_role("link", name="Přidat více účastníků").click()
    page.check()
    p.get_by_label("Bc. Lenka Modrá (Magistrát města Jihlavy)").check()
    p.get_by_label("Eva Šedá").check()
    p.get_by_role("button", name="Přidat", exact=True).click()
    page.check()
    p.get_by_role("link", name="Přidat účastníka").click()
    page.check()
    field(p, "Účastník").select_option(label="Tomáš Zelený")
    field(p, "Prezenčních hodin").fill("1,5")
    p.get_by_role("button", name="Uložit", exact=True).click()
    page.check()
    page.assert_fits_phone()  # the participants table scrolls in its own region
    table = p.locator("#participants").inner_text()
    assert "Bc. Lenka Modrá" in table and "Eva Šedá" in table and "1,5" in table

    # Every other page of the app.
    participation = Participation.objects.get(person=staff[1])
    base = f"/u/{unit}/vzdelavani/{event.pk}/"
    for path in (
        f"{base}upravit/",
        f"{base}ucastnici/{participation.pk}/",
        f"{base}ucastnici/import/",
        f"{base}ucastnici/novy/",
        f"{base}ucastnici/vice/",
        f"{base}materialy/novy/",
        f"/u/{unit}/vzdelavani/nova/",
        f"/u/{unit}/vzdelavani/",
    ):
        page.goto(path)
    facts = p.locator("#indicator-facts").inner_text()
    assert "Prezenčně\n5,5 h" in facts  # 2 + 2 + 1,5
    assert "Distančně celkem\n12 h" in facts  # 4 + 4 + 4

    # The certificate carries the verification code of its public page.
    page.goto(base)
    with p.expect_download() as download_info:
        p.get_by_role("link", name="Osvědčení (PDF) – Bc. Lenka Modrá").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(Path(download.path())).pages)
    code = re.search(r"Ověřovací kód: (\S+)", text).group(1)
    assert code == Participation.objects.get(person=staff[0]).certificate_code

    # Anyone, signed out, can check it and learns only the name, the event and its date.
    p.context.clear_cookies()
    page.goto(f"/overeni/{code}/")
    main = p.locator("main").inner_text()
    assert "Osvědčení je platné." in main
    assert "Bc. Lenka Modrá" in main and "Prostupné zaměstnávání v praxi" in main and "12. 5. 2022" in main
    assert "Zelený" not in main and "Magistrát" not in main and "@" not in main
