"""Brute-force protection of both logins (issue 13, item 6)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse

from spojka.conftest import make_user

PASSWORD = "heslo-pro-testy"


@pytest.fixture
def limit(settings) -> int:
    return settings.AXES_FAILURE_LIMIT


def _attempt(client, url: str, username: str, password: str, ip: str = "203.0.113.7", **extra):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


@pytest.mark.parametrize("url_name", ["accounts:login", "admin:login"])
@pytest.mark.django_db
def test_an_account_is_locked_after_the_threshold_even_with_the_right_password(client, limit, url_name):
    make_user("agentura", admin=True)
    url = reverse(url_name)
    for _ in range(limit - 1):
        assert _attempt(client, url, "agentura", "spatne").status_code == 200
    locked = _attempt(client, url, "agentura", "spatne")
    assert locked.status_code == 429
    assert "Přihlášení je dočasně zablokováno" in locked.content.decode()
    assert f"Po {limit} neúspěšných pokusech" in locked.content.decode()
    right = _attempt(client, url, "agentura", PASSWORD, ip="198.51.100.9")
    assert right.status_code == 429, "the account stays locked from another address too"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_one_address_is_locked_whichever_accounts_it_tries(client, limit):
    make_user("editor")
    url = reverse("accounts:login")
    for number in range(limit):
        _attempt(client, url, f"neznamy{number}", "spatne")
    assert _attempt(client, url, "editor", PASSWORD).status_code == 429
    assert _attempt(client, url, "editor", PASSWORD, ip="198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_below_the_threshold_the_right_password_works_and_resets_the_count(client, limit):
    make_user("editor")
    url = reverse("accounts:login")
    for _ in range(limit - 1):
        _attempt(client, url, "editor", "spatne")
    assert _attempt(client, url, "editor", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_failed_and_successful_logins_are_recorded(client):
    make_user("editor")
    url = reverse("accounts:login")
    _attempt(client, url, "editor", "spatne")
    _attempt(client, url, "editor", PASSWORD)
    failure = AccessFailureLog.objects.get(username="editor")
    assert failure.ip_address == "203.0.113.7"
    assert AccessLog.objects.filter(username="editor").count() == 1


@pytest.mark.django_db
def test_behind_a_proxy_the_address_comes_from_the_proxy_not_from_the_client(client, limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("editor")
    url = reverse("accounts:login")
    for number in range(limit):
        # The attacker writes a new address each time; the proxy appends the real one.
        _attempt(
            client, url, "x", "spatne", ip="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.50"
        )
    locked = _attempt(client, url, "editor", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert locked.status_code == 429
    other = _attempt(client, url, "editor", PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other.status_code == 302
    assert AccessFailureLog.objects.filter(ip_address="203.0.113.50", username="x").count() == limit


@pytest.mark.parametrize("username", ["Ř" * 100_000, "agen\x00tura"])
@pytest.mark.parametrize("url_name", ["accounts:login", "admin:login"])
@pytest.mark.django_db
def test_a_hostile_username_is_a_failed_login_not_a_database_error(client, url_name, username):
    make_user("agentura", admin=True)

    response = _attempt(client, reverse(url_name), username, "spatne")  # was DataError on PostgreSQL

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    for attempt in AccessAttempt.objects.all():  # a NUL may be refused by the form before axes sees it
        assert len(attempt.username) <= 150 and "\x00" not in attempt.username
