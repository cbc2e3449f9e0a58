"""Czech error pages in the app's layout with a way back (issue 13, item 13)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

WAY_BACK = "Zpět na úvodní stránku"


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_a_mistyped_certificate_code_gets_the_czech_404_page(client):
    response = client.get(reverse("training:verify", kwargs={"code": "ABCD-EFGH-XXXX"}))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Stránka nebyla nalezena" in html
    assert "kód osvědčení" in html
    assert WAY_BACK in html
    assert 'class="app-header"' in html


def test_a_read_only_partner_writing_gets_the_czech_403_page(world, client):
    client.force_login(world.users["partner"])
    response = client.get(reverse("partnership:person_create", kwargs={"unit": world.unit.slug}))
    html = response.content.decode()
    assert response.status_code == 403
    assert "K této akci nemáte oprávnění" in html
    assert WAY_BACK in html


@pytest.mark.django_db
def test_a_malformed_request_gets_the_czech_400_page(client):
    response = client.get("/", HTTP_HOST="nepovoleny.example")
    assert response.status_code == 400
    assert "Požadavek se nepodařilo zpracovat" in response.content.decode()


def test_the_500_page_needs_no_database():
    """No ``db`` fixture: pytest-django refuses any query, so the page must make none."""
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Ve Spojce nastala chyba" in html
    assert WAY_BACK in html
    assert 'class="app-header"' in html
