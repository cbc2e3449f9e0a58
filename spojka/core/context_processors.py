from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch

from spojka.lib.urls import url_maker

# From this many units on, the header's switcher is a search box (with the names as suggestions)
# instead of a long select: a consultant with dozens of units types a few letters.
SWITCHER_SEARCH_FROM = 12
# The most units the switcher lists (as suggestions from SWITCHER_SEARCH_FROM on); its search finds
# any unit whatever this says.
SWITCHER_LIMIT = 200


@dataclass(frozen=True)
class SwitcherUnit:
    """A unit as the header's switcher shows it: its name and slug, nothing else."""

    name: str
    slug: str
    as_consultant: bool = False


def navigation(request: HttpRequest) -> dict:
    """The unit switcher and the current unit, for the layout.

    The switcher's list is lazy: it costs one query only on pages that render the header for a
    signed-in user. The same query says whether the user is a consultant of any of the units
    (the "Moje celky" link), so that link costs nothing more. It reads plain values, not model
    instances: the header is on every page, and an agency admin's list has every unit in it.
    """
    from spojka.accounts.models import Role
    from spojka.cooperation.models import TerritorialUnit
    from spojka.cooperation.tenancy import active_memberships

    access = getattr(request, "access", None)
    user = getattr(request, "user", None)
    loaded: list = []

    def switchable_units() -> list[SwitcherUnit]:
        if user is None or not user.is_authenticated:
            return []
        if not loaded:
            if access is not None and access.memberships is not None:
                # Read by the unit's resolution already (one query for both).
                units = [
                    SwitcherUnit(name, slug, role == Role.CONSULTANT)
                    for name, slug, role in access.memberships[:SWITCHER_LIMIT]
                ]
            elif user.is_agency_admin:
                rows = TerritorialUnit.objects.order_by("name", "pk").values_list("name", "slug")
                units = [SwitcherUnit(name, slug) for name, slug in rows[:SWITCHER_LIMIT]]
            else:
                # The units of the user's active memberships, as a unit page reads them.
                rows = active_memberships(user).values_list("unit__name", "unit__slug", "role")
                units = [
                    SwitcherUnit(name, slug, role == Role.CONSULTANT)
                    for name, slug, role in rows[:SWITCHER_LIMIT]
                ]
            loaded.append(units)
        return loaded[0]

    def is_consultant() -> bool:
        return any(unit.as_consultant for unit in switchable_units())

    def unit_nav_links() -> list[tuple[str, str]]:
        return _unit_nav_links(access.unit.slug) if access else []

    return {
        "access": access,
        "switcher_search_from": SWITCHER_SEARCH_FROM,
        "unit_nav_links": unit_nav_links,
        "current_unit": access.unit if access else None,
        "switchable_units": switchable_units,
        "is_consultant_somewhere": is_consultant,
    }


def _unit_nav_items() -> list[tuple[str, str]]:
    """Navigation links that apps contribute through ``AppConfig.unit_nav``, in INSTALLED_APPS order."""
    from django.apps import apps

    items = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "unit_nav", []))
    return items


def _unit_nav_links(slug: str) -> list[tuple[str, str]]:
    """(href, label) of the apps' links for the unit; a link whose URL does not resolve is left out."""
    links = []
    for url_name, label in _unit_nav_items():
        try:
            links.append((url_maker(url_name, "unit")(slug), label))
        except NoReverseMatch:
            continue
    return links
