"""The issue's whole flow in real Chromium with axe-core on every page, and the pages at 390 px."""

from __future__ import annotations

import re

import pytest

from spojka.accounts.models import Membership, Role
from spojka.conftest import make_user
from spojka.testing.mail import deliver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^/\s]+(/pozvanka/\S+/)")


def _no_horizontal_scroll(page) -> None:
    page.page.set_viewport_size({"width": 390, "height": 844})
    wide = page.page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert page.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        page.page.url,
        wide,
    )
    page.page.set_viewport_size({"width": 1280, "height": 900})


def _last_link() -> str:
    return LINK.search(deliver()[-1].body).group(1)


def _accept_as_new(page, path: str, username: str, first: str, last: str) -> None:
    page.page.context.clear_cookies()
    page.goto(path)
    page.page.get_by_label("Křestní jméno").fill(first)
    page.page.get_by_label("Příjmení").fill(last)
    page.page.get_by_label("Uživatelské jméno").fill(username)
    page.page.get_by_label(re.compile(r"^Heslo:( \*)?$")).fill("Tajne-heslo-2026")
    page.page.get_by_label("Potvrzení hesla").fill("Tajne-heslo-2026")
    page.page.get_by_role("button", name="Založit účet a přijmout").click()
    page.check()


def _invite(page, slug: str, email: str, role_label: str) -> None:
    page.goto(f"/u/{slug}/pristupy/pozvat/")
    page.page.get_by_label("E-mail pozvaného").fill(email)
    page.page.get_by_label("Role").select_option(label=role_label)
    page.page.get_by_role("button", name="Poslat pozvánku").click()
    page.check()


def test_the_agency_sets_up_a_unit_and_its_people_without_django_admin(browser_page, db):
    make_user("agentura", admin=True)
    consultant = make_user("konzultantka")
    page = browser_page
    page.login("agentura")

    # 1. A new unit.
    page.goto("/celky/novy/")
    form = page.page
    form.get_by_label("Název").fill("Obec Nová Ves")
    form.get_by_label("Zkratka v adrese").fill("nova-ves")
    form.get_by_label("IČO").fill("00286010")
    form.get_by_label("Sídlo").fill("Návesní 1, 588 01 Nová Ves")
    form.get_by_label("Kraj").select_option(label="Kraj Vysočina")
    form.get_by_role("button", name="Uložit").click()
    page.check()
    assert "Obec Nová Ves" in page.page.locator("h1").inner_text()

    # 2. Its manager is invited and accepts from the outbox, setting a password.
    _invite(page, "nova-ves", "manazerka@example.org", "editor územního celku")
    assert "manazerka@example.org" in page.page.locator("main").inner_text()
    _no_horizontal_scroll(page)
    _accept_as_new(page, _last_link(), "manazerka", "Marie", "Manažerská")
    assert "Obec Nová Ves" in page.page.locator("h1").inner_text()

    # 3. The agency assigns the consultant.
    page.page.context.clear_cookies()
    page.login("agentura")
    page.goto(f"/agentura/uzivatele/{consultant.pk}/prirazeni/")
    page.page.get_by_label("Územní celek").select_option(label="Obec Nová Ves")
    page.page.get_by_label("Role").select_option(label="konzultant ASZ")
    page.page.get_by_role("button", name="Přidělit").click()
    page.check()
    assert Membership.objects.get(user=consultant, unit__slug="nova-ves").role == Role.CONSULTANT
    page.goto("/agentura/uzivatele/")
    _no_horizontal_scroll(page)

    # 4. The manager invites a partner, who accepts.
    page.page.context.clear_cookies()
    page.login("manazerka", "Tajne-heslo-2026")
    _invite(page, "nova-ves", "partner@example.org", "partner (jen čtení)")
    _accept_as_new(page, _last_link(), "partner-nv", "Petr", "Partner")
    assert page.page.goto(page.base_url + "/u/nova-ves/").status == 200

    # 5. The manager ends the partner's access; the partner then gets 404.
    page.page.context.clear_cookies()
    page.login("manazerka", "Tajne-heslo-2026")
    page.goto("/u/nova-ves/pristupy/")
    page.page.get_by_role("link", name="Ukončit přístup: Petr Partner").click()
    page.check()
    page.page.get_by_role("button", name="Ukončit přístup").click()
    page.check()
    assert "Petr Partner" in page.page.locator("main").inner_text()
    _no_horizontal_scroll(page)
    page.page.context.clear_cookies()
    page.login("partner-nv", "Tajne-heslo-2026")
    assert page.page.goto(page.base_url + "/u/nova-ves/").status == 404


def test_the_other_access_pages_are_accessible(browser_page, world):
    page = browser_page
    page.login("agentura")
    partner = world.users["partner"]
    membership = partner.memberships.get()
    for path in (
        f"/u/{world.unit.slug}/pristupy/{membership.pk}/",
        f"/u/{world.unit.slug}/pristupy/{membership.pk}/ukoncit/",
        f"/agentura/uzivatele/{partner.pk}/",
        f"/agentura/uzivatele/{partner.pk}/deaktivovat/",
        "/agentura/uzivatele/pozvat/",
    ):
        page.goto(path)
        _no_horizontal_scroll(page)
    # An error by the field, in Czech.
    page.goto(f"/u/{world.unit.slug}/pristupy/pozvat/")
    page.page.get_by_label("E-mail pozvaného").fill("neni-to-e-mail")
    page.page.get_by_role("button", name="Poslat pozvánku").click()
    page.check()
    assert "Zadejte platnou e-mailovou adresu" in page.page.locator("main").inner_text()
    # Password reset, signed out.
    page.page.context.clear_cookies()
    page.goto("/ucet/prihlaseni/")
    page.page.get_by_role("link", name="Zapomněli jste heslo?").click()
    page.check()
    page.page.get_by_label("E-mail").fill("nikdo@example.org")
    page.page.get_by_role("button", name="Poslat odkaz").click()
    page.check()
    assert "Zkontrolujte svůj e-mail" in page.page.locator("h1").inner_text()
    _no_horizontal_scroll(page)
    page.goto("/ucet/heslo/obnova/MQ/neplatny/")
    page.goto("/pozvanka/neplatny/")  # 404 page (no axe issue either)
