"""Password reset by e-mail: Django's views, Czech mail, single use, rate-limited."""

from __future__ import annotations

import re

from django.urls import reverse

from spojka.accounts.password_reset import PER_EMAIL, PER_IP
from spojka.testing.mail import deliver

LINK = re.compile(r"https?://\S+(/ucet/heslo/obnova/\S+/\S+/)")


def _ask(client, email: str, ip: str = "192.0.2.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def _with_email(world, persona="partner"):
    user = world.users[persona]
    user.email = "partner@example.org"
    user.save()
    return user


def test_a_reset_link_arrives_in_czech_and_sets_a_new_password_once(world, client):
    user = _with_email(world)
    assert _ask(client, "Partner@example.org").status_code == 302
    (message,) = deliver()
    assert message.subject == "Spojka: obnova hesla"
    assert "nové heslo" in message.body
    path = LINK.search(message.body).group(1)
    form_page = client.get(path, follow=True)
    assert "Nastavení nového hesla" in form_page.content.decode()
    new = {"new_password1": "Nove-heslo-2026", "new_password2": "Nove-heslo-2026"}
    assert client.post(form_page.redirect_chain[-1][0], new).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nove-heslo-2026")
    # The same link again: refused.
    again = client.get(path, follow=True).content.decode()
    assert "neplatný nebo už byl použit" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world, client):
    response = _ask(client, "nikdo@example.org")
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert deliver() == []


def test_a_short_new_password_is_refused_in_czech(world, client):
    _with_email(world)
    _ask(client, "partner@example.org")
    path = LINK.search(deliver()[0].body).group(1)
    url = client.get(path, follow=True).redirect_chain[-1][0]
    text = client.post(url, {"new_password1": "kratke", "new_password2": "kratke"}).content.decode()
    assert "Heslo je příliš krátké. Musí mít alespoň 10 znaků." in text


def test_reset_requests_are_rate_limited_per_address_and_per_ip(world, client):
    _with_email(world)
    for _ in range(PER_EMAIL):
        assert _ask(client, "partner@example.org").status_code == 302
    refused = _ask(client, "partner@example.org", ip="192.0.2.99")
    assert refused.status_code == 429
    assert "Příliš mnoho žádostí" in refused.content.decode()
    assert len(deliver()) == PER_EMAIL
    for n in range(PER_IP - 1):
        _ask(client, f"jiny{n}@example.org", ip="198.51.100.7")
    assert _ask(client, "dalsi@example.org", ip="198.51.100.7").status_code == 302
    assert _ask(client, "posledni@example.org", ip="198.51.100.7").status_code == 429


def test_the_login_page_offers_the_reset(client, db):
    assert reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()
