"""The territorial unit is the tenant.

A unit-scoped view is decorated with :func:`unit_view`. The decorator resolves the unit from the
URL once, together with the user's role in it, in a single query:

* a user who may not see the unit gets 404 (a 403 would reveal that it exists);
* a read-only user (partner) calling a writing view gets 403;
* the view receives the unit and must fetch everything else through it
  (``unit.descriptions.get(pk=...)``), never with a bare ``Model.objects.get``.

The pattern follows pretix's organiser/event middleware and healthchecks' ``_get_check_for_user``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from spojka.accounts.models import WRITING_ROLES, Membership, Role
from spojka.cooperation.models import TerritorialUnit


@dataclass(frozen=True)
class UnitAccess:
    unit: TerritorialUnit
    role: Role
    # The user's units for the header's switcher as (name, slug, role), in name order, when resolving
    # the unit read them anyway (a member's); None for an agency admin (the switcher reads all units).
    memberships: tuple[tuple[str, str, str], ...] | None = None

    @property
    def can_write(self) -> bool:
        return self.role in WRITING_ROLES

    @property
    def is_agency(self) -> bool:
        return self.role in (Role.AGENCY_ADMIN, Role.CONSULTANT)


def accessible_units(user) -> QuerySet[TerritorialUnit]:
    if not user.is_authenticated:
        return TerritorialUnit.objects.none()
    if user.is_agency_admin:
        return TerritorialUnit.objects.all()
    return TerritorialUnit.objects.filter(memberships__in=Membership.objects.active().filter(user=user))


def active_memberships(user) -> QuerySet[Membership]:
    """The user's memberships valid today (one per unit), in the order of their units' names."""
    return Membership.objects.active().filter(user=user).order_by("unit__name", "unit_id")


def resolve_unit(user, slug: str) -> UnitAccess:
    if user.is_agency_admin:
        try:
            return UnitAccess(TerritorialUnit.objects.get(slug=slug), Role.AGENCY_ADMIN)
        except TerritorialUnit.DoesNotExist as exc:
            raise Http404 from exc
    # Only a membership valid today opens the unit: an ended one answers 404 at once. One query reads
    # every active membership of the user as plain values: the unit of the URL is built from its row
    # (``Model.from_db``, as a queryset does), the others' names and slugs are the header's switcher.
    fields = [f.attname for f in TerritorialUnit._meta.concrete_fields]
    rows = active_memberships(user).values_list("role", *(f"unit__{name}" for name in fields))
    slug_at, name_at = fields.index("slug") + 1, fields.index("name") + 1
    found = next((row for row in rows if row[slug_at] == slug), None)
    if found is None:
        raise Http404
    unit = TerritorialUnit.from_db(rows.db, fields, found[1:])
    listed = tuple((row[name_at], row[slug_at], row[0]) for row in rows)
    return UnitAccess(unit, Role(found[0]), listed)


def unit_view(*, write: bool = False) -> Callable:
    """Decorate a view whose URL has a ``unit`` slug; the view gets ``request.access``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, unit: str, **kwargs) -> HttpResponse:
            access = resolve_unit(request.user, unit)
            if write and not access.can_write:
                raise PermissionDenied
            request.access = access
            return view(request, access.unit, **kwargs)

        wrapper.unit_write = write  # read by the URL × role matrix test
        return wrapper

    return decorator


def agency_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_agency_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
