"""Headers and session rules of every page (issue 13, item 9)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from spojka.core.middleware import LAST_SEEN
from spojka.core.tests.test_matrix import MATRIX_APPS, _entries
from spojka.documents.models import TemplateKind

ROOT = Path(settings.BASE_DIR)
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def _build(world):
    for app in MATRIX_APPS:
        module = import_module(f"spojka.{app}.tests.matrix")
        if hasattr(module, "build"):
            module.build(world)


def test_every_page_has_no_inline_script_or_style_and_sends_the_policy(world, client):
    """The policy forbids inline code; a page that still had some would break in the browser."""
    _build(world)
    client.force_login(world.users["agency_admin"])
    pages = 0
    for name, entry in sorted(_entries().items()):
        if entry.method != "GET":
            continue
        response = client.get(reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None))
        assert "default-src 'self'" in response["Content-Security-Policy"], name
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for pattern, what in INLINE:
            assert not pattern.search(html), f"{name} has an {what}: {pattern.search(html).group(0)!r}"
        pages += 1
    assert pages > 50


def test_authenticated_pages_and_downloads_are_never_stored(world, client):
    _build(world)
    client.force_login(world.users["editor"])
    page = client.get(reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug}))
    download = client.get(
        reverse(
            "documents:template_download",
            kwargs={"unit": world.unit.slug, "kind": TemplateKind.ANNUAL_REPORT},
        )
    )
    assert page.status_code == download.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "no-store" in download["Cache-Control"]


@pytest.mark.django_db
def test_public_pages_may_be_cached(client):
    response = client.get(reverse("core:accessibility"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_idle_session_ends_with_a_czech_message(world, client, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    client.force_login(world.users["editor"])
    url = reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug})
    assert client.get(url).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "po 30 minutách nečinnosti" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_active_session_does_not_write_the_session_on_every_page(world, client, settings):
    client.force_login(world.users["editor"])
    first = client.session[LAST_SEEN]
    client.get(reverse("cooperation:unit_detail", kwargs={"unit": world.unit.slug}))
    assert client.session[LAST_SEEN] == first


def _readme_production_environment() -> dict[str, str]:
    """The variables the README's deployment section exports, with a real secret key."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Deployment", 1)[1].split("```", 2)[1]
    exported = block.split("export ", 1)[1].split(".venv/bin/python", 1)[0]
    pairs = dict(re.findall(r"([A-Z_]+)=(\S+)", exported))
    assert {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"} <= set(pairs)
    pairs["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return pairs


def test_check_deploy_is_clean_with_the_readme_production_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SPOJKA_", "DEBUG"))}
    env.update(_readme_production_environment())
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_defaults_to_https_with_hsts():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SPOJKA_", "DEBUG"))}
    env.update(_readme_production_environment())
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "spojka.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "31536000"], result.stderr
