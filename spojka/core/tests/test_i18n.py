from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_czech_is_the_default_language(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="cs"' in html
    assert "Přihlásit se" in html


@pytest.mark.django_db
def test_english_is_the_second_language(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en"' in html
    assert "Sign in" in html
    assert "Přihlásit se" not in html
