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
