from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_sees_jihlava_cooperation_description_and_outsider_gets_404(browser_page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = browser_page
    page.login("jihlava", "demo")
    # The editor of one unit lands on its page.
    assert "Statutární město Jihlava" in page.page.locator("h1").inner_text()

    page.page.get_by_role("link", name="Popis spolupráce", exact=True).first.click()
    page.check()
    page.page.get_by_role("link", name="verze 1").click()
    page.check()
    text = page.page.locator("main").inner_text()
    for fact in (
        "00286010",
        "Masarykovo náměstí 97/1",
        "Memorandum o spolupráci ze dne 2. 11. 2021",
        "2 roky",
        "Zaměstnanost",
        "Bezpečnost a prevence kriminality",
        "Dluhová problematika",
        "Bydlení",
        "Sociální služby",
        "celkem 40 hodin",
        "nejvýše 20 hodin distanční formou",
        "projednáno 2. 9. 2021 – přijat konsenzuálně",
        "pozice neobsazená",
        "Mgr. Lumír Bartů",
        "Komunitní plán sociálních služeb – Jihlava (2016)",
        "Domovník – preventista",
        "CZ.03.2.63/0.0./0.0/15_030/0000605",
    ):
        assert fact in text, fact
    page.goto("/u/jihlava/historie/")
    page.goto("/u/jihlava/role/")
    page.goto("/prohlaseni-o-pristupnosti/")

    # Another municipality's editor cannot even learn that Jihlava's pages exist.
    page.page.context.clear_cookies()
    page.login("jinde", "demo")
    for path in ("/u/jihlava/", "/u/jihlava/popis/", "/u/jihlava/role/", "/u/jihlava/historie/"):
        response = page.page.goto(page.base_url + path)
        assert response.status == 404, path


def test_every_registry_page_and_its_error_states_are_accessible(browser_page, world):
    page = browser_page
    page.login("agentura")
    unit, pk = world.unit.slug, world.description.pk
    for path in (
        "/celky/",
        "/celky/novy/",
        f"/u/{unit}/",
        f"/u/{unit}/upravit/",
        f"/u/{unit}/memorandum/nove/",
        f"/u/{unit}/popis/",
        f"/u/{unit}/popis/novy/",
        f"/u/{unit}/popis/{pk}/",
        f"/u/{unit}/popis/{pk}/upravit/",
        f"/u/{unit}/popis/{pk}/oblasti/nova/",
        f"/u/{unit}/popis/{pk}/oblasti/{world.area.pk}/",
        f"/u/{unit}/role/",
        f"/u/{unit}/role/nova/",
        f"/u/{unit}/role/{world.role.pk}/",
        f"/u/{unit}/historie/",
        "/ucet/heslo/",
    ):
        page.goto(path)

    # A unit with an invalid IČO: the error is next to the field and the page stays accessible.
    page.goto("/celky/novy/")
    page.page.get_by_label("Název").fill("Město Chybné")
    page.page.get_by_label("Zkratka v adrese").fill("chybne")
    page.page.get_by_label("IČO").fill("12345678")
    page.page.get_by_label("Sídlo").fill("Náměstí 1")
    page.page.get_by_label("Kraj").select_option("vysocina")
    page.page.get_by_role("button", name="Uložit").click()
    page.check()
    assert "IČO musí mít 8 číslic" in page.page.locator("#id_ico_error").inner_text()

    # Out-of-order status change: refused with the reason, on an accessible page.
    page.goto(f"/u/{unit}/popis/{pk}/")
    page.page.get_by_role("button", name="Změnit stav na „projednáno v LP“").click()
    page.check()
    assert "doplňte: datum a stanovisko projednání v LP" in page.page.locator("#id_target_error").inner_text()

    # The unit switcher takes the admin to another unit.
    page.goto(f"/u/{unit}/")
    page.page.get_by_label("Územní celek").select_option("jinde")
    page.page.get_by_role("button", name="Přepnout").click()
    page.check()
    assert (
        page.page.locator("h1").inner_text() == "Přehled plnění – Obec Jinde"
    )  # its landing page: what is due

    # English is the second language.
    page.page.get_by_role("button", name="English").click()
    page.check()
    assert page.page.locator("html").get_attribute("lang") == "en"
