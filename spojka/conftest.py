"""Personas and fixtures shared by the whole test suite.

Personas are created explicitly (healthchecks' alice/bob/charlie): an agency admin, a consultant
of the unit, the unit's editor, a read-only partner, and an editor of another unit (the outsider).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from spojka.accounts.models import Membership, Role, User
from spojka.cooperation.models import (
    CooperationDescription,
    KeyRole,
    Memorandum,
    Region,
    RoleAssignment,
    TerritorialUnit,
    UnitKind,
)

PERSONAS = ("anonymous", "agency_admin", "consultant", "editor", "partner", "outsider")


def make_unit(name: str = "Statutární město Jihlava", slug: str = "jihlava", ico: str = "00286010"):
    return TerritorialUnit.objects.create(
        name=name,
        slug=slug,
        kind=UnitKind.STATUTORY_CITY,
        ico=ico,
        seat_address="Masarykovo náměstí 97/1, 586 01 Jihlava",
        region=Region.VYSOCINA,
    )


def make_user(username: str, *, unit=None, role: Role | None = None, admin: bool = False) -> User:
    user = User.objects.create_user(username=username, password="heslo-pro-testy", first_name=username)
    if admin:
        user.is_agency_admin = user.is_staff = True
        user.save()
    if unit is not None and role is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


class World:
    """The objects a test needs, created explicitly; later apps hang their own objects on it."""


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """Jihlava with its personas, memorandum, description, a thematic area and a key role; and the
    outsider's unit."""
    w = World()
    w.unit = make_unit()
    w.other_unit = make_unit("Obec Jinde", "jinde", "00123455")
    w.users = {
        "agency_admin": make_user("agentura", admin=True),
        "consultant": make_user("konzultant", unit=w.unit, role=Role.CONSULTANT),
        "editor": make_user("editor", unit=w.unit, role=Role.EDITOR),
        "partner": make_user("partner", unit=w.unit, role=Role.PARTNER),
        "outsider": make_user("jinde", unit=w.other_unit, role=Role.EDITOR),
    }
    w.memorandum = Memorandum.objects.create(unit=w.unit, signed_on=date(2021, 11, 2))
    w.description = CooperationDescription.objects.create(
        unit=w.unit,
        memorandum=w.memorandum,
        valid_from=date(2021, 11, 2),
        valid_to=date(2023, 11, 1),
        training_total_hours=Decimal("40"),
        training_max_distance_hours=Decimal("20"),
    )
    w.area = w.description.thematic_areas.create(unit=w.unit, name="Bydlení", focus="Podpora nájemníků.")
    w.role = RoleAssignment.objects.create(
        unit=w.unit, role=KeyRole.INCLUSION_MANAGER, is_vacant=True, substitute="zástup"
    )
    return w


@pytest.fixture
def login(client):
    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


# Browser fixtures (real Chromium + axe-core) are shared by every app's browser tests.
from spojka.testing.browser import browser_page, chromium  # noqa: E402,F401


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files of a test go to its own temporary folder (the one such fixture:
    a test that needs the path reads ``settings.MEDIA_ROOT``)."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Mail goes through the outbox as in production (Django's test setup would bypass it with
    locmem); the outbox delivers to ``django.core.mail.outbox`` (see spojka.testing.mail.deliver)."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"


def pytest_collection_modifyitems(items):
    """Browser tests run last: once Chromium runs, its event loop stays in the test thread for the
    rest of the session, and only the browser fixture switches Django's async guard off for it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
