"""Kinds of URLs and the statuses each persona must get from them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Writers of the unit: the agency admin, the unit's consultant and its editor.
WRITERS = ("agency_admin", "consultant", "editor")
READ_OK = {200}
# A writing request that succeeds redirects; one that fails validation re-renders the form
# (200, or 422 where a POST-only action has no form page of its own).
WRITE_OK = {200, 302, 422}

UNIT_READ = "unit_read"
UNIT_WRITE = "unit_write"
AUTHENTICATED = "authenticated"
AGENCY_ADMIN_ONLY = "agency_admin_only"
PUBLIC = "public"


@dataclass(frozen=True)
class Entry:
    kind: str
    kwargs: Callable | None = None
    method: str = "GET"
    data: Callable | None = None
    overrides: dict = field(default_factory=dict)

    def expected(self, persona: str) -> set[int]:
        if persona in self.overrides:
            return set(self.overrides[persona])
        if self.kind == PUBLIC:
            return {200}
        if persona == "anonymous":
            return {302}
        if self.kind == AUTHENTICATED:
            return {200, 302}
        if self.kind == AGENCY_ADMIN_ONLY:
            return WRITE_OK if persona == "agency_admin" else {403}
        if persona == "outsider":
            return {404}
        if self.kind == UNIT_READ:
            return READ_OK
        if self.kind == UNIT_WRITE:
            return WRITE_OK if persona in WRITERS else {403}
        raise ValueError(self.kind)


def unit_kwargs(world) -> dict:
    return {"unit": world.unit.slug}


def description_kwargs(world) -> dict:
    return {"unit": world.unit.slug, "pk": world.description.pk}
