"""One URL × role matrix over every URL pattern of the site.

Each app lists its URLs in ``spojka/<app>/tests/matrix.py`` (``ENTRIES`` and optionally a
``build(world)`` that adds the objects its URLs need). The first test fails when a URL pattern is
missing from the matrix, so a new page cannot skip the tenancy and permission check.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from spojka.conftest import PERSONAS, World, build_world
from spojka.testing.matrix_kinds import Entry

MATRIX_APPS = [
    "core",
    "accounts",
    "cooperation",
    "trash",
    "partnership",
    "meetings",
    "training",
    "plans",
    "documents",
    "compliance",
    "reports",
    "agency",
    "importer",
    "access",
]
# Django admin has its own permission check (AgencyAdminSite.has_permission); its index is in the
# matrix as a representative, the other admin URLs are Django's own.
EXCLUDED_NAMESPACES = {"admin"}


def _modules():
    return [import_module(f"spojka.{app}.tests.matrix") for app in MATRIX_APPS]


def _entries() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for module in _modules():
        entries.update(module.ENTRIES)
    return entries


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            full = f"{namespace}:{ns}".strip(":") if ns else namespace
            names |= _url_names(pattern, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}".strip(":"))
    return names


def test_every_url_pattern_is_in_the_matrix():
    missing = _url_names() - set(_entries())
    assert not missing, f"URL patterns missing from the URL × role matrix: {sorted(missing)}"


def test_matrix_names_only_existing_urls():
    stale = set(_entries()) - _url_names() - {"admin:index"}
    assert not stale, f"matrix entries for URLs that no longer exist: {sorted(stale)}"


CASES = [(name, persona) for name in sorted(_entries()) for persona in PERSONAS]


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every app's world, built once for all the cases of this module.

    It is built in a transaction that stays open until the module ends and is then rolled back;
    each case runs in a savepoint inside it (the ``db`` fixture), so what a POST changes is undone
    before the next case.
    """
    # What the autouse fixtures of spojka/conftest.py set per test, set here for the module's world.
    setup = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("matrix") / "media", EMAIL_BACKEND="post_office.EmailBackend"
    )
    setup.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        world = build_world()
        for module in _modules():
            if hasattr(module, "build"):
                module.build(world)
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    setup.disable()


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The files of the matrix's world live in the module's folder (``matrix_world``), not per case."""


ENTRIES = _entries()


@pytest.mark.parametrize(("url_name", "persona"), CASES)
def test_url_role_matrix(matrix_world: World, db, client, url_name, persona):
    world = matrix_world
    entry = ENTRIES[url_name]
    if persona != "anonymous":
        client.force_login(world.users[persona])
    url = reverse(url_name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    response = (
        client.post(url, entry.data(world) if entry.data else {})
        if entry.method == "POST"
        else client.get(url)
    )
    expected = entry.expected(persona)
    assert response.status_code in expected, (
        f"{entry.method} {url} as {persona}: {response.status_code}, expected one of {sorted(expected)}"
    )
