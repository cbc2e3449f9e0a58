from __future__ import annotations

from django.http import HttpRequest

# From this many units on, the header's switcher is a search box (with the names as suggestions)
# instead of a long select: a consultant with dozens of units types a few letters.
SWITCHER_SEARCH_FROM = 12


def navigation(request: HttpRequest) -> dict:
    """The unit switcher and the current unit, for the layout.

    The switcher's list is lazy: it costs one query only on pages that render the header for a
    signed-in user. The same query says whether the user is a consultant of any of the units
    (the "Moje celky" link), so that link costs nothing more.
    """
    from django.db.models import Exists, OuterRef

    from spojka.accounts.models import Membership, Role
    from spojka.cooperation.tenancy import accessible_units

    access = getattr(request, "access", None)
    user = getattr(request, "user", None)
    loaded: list = []

    def switchable_units():
        if user is None or not user.is_authenticated:
            return []
        if not loaded:
            units = accessible_units(user).only("name", "slug")
            if not user.is_agency_admin:
                consultant = Membership.objects.active().filter(
                    user=user, unit=OuterRef("pk"), role=Role.CONSULTANT
                )
                units = units.annotate(as_consultant=Exists(consultant))
            loaded.append(list(units[:200]))
        return loaded[0]

    def is_consultant() -> bool:
        return any(getattr(unit, "as_consultant", False) for unit in switchable_units())

    return {
        "access": access,
        "switcher_search_from": SWITCHER_SEARCH_FROM,
        "unit_nav_items": _unit_nav_items(),
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
