from __future__ import annotations

from spojka.testing.matrix_kinds import (
    AGENCY_ADMIN_ONLY,
    AUTHENTICATED,
    UNIT_READ,
    UNIT_WRITE,
    Entry,
    description_kwargs,
    unit_kwargs,
)


def area_kwargs(w) -> dict:
    return {**description_kwargs(w), "area": w.area.pk}


ENTRIES = {
    "cooperation:unit_list": Entry(
        AUTHENTICATED,
        overrides={p: {200} for p in ("agency_admin", "consultant", "editor", "partner", "outsider")},
    ),
    "cooperation:unit_create": Entry(AGENCY_ADMIN_ONLY),
    "cooperation:unit_detail": Entry(UNIT_READ, unit_kwargs),
    "cooperation:unit_edit": Entry(UNIT_WRITE, unit_kwargs),
    "cooperation:memorandum_create": Entry(UNIT_WRITE, unit_kwargs),
    "cooperation:description_list": Entry(UNIT_READ, unit_kwargs),
    "cooperation:description_create": Entry(UNIT_WRITE, unit_kwargs),
    "cooperation:description_detail": Entry(UNIT_READ, description_kwargs),
    "cooperation:description_edit": Entry(UNIT_WRITE, description_kwargs),
    "cooperation:description_transition": Entry(
        UNIT_WRITE, description_kwargs, method="POST", data=lambda w: {"target": "discussed"}
    ),
    "cooperation:description_revise": Entry(UNIT_WRITE, description_kwargs, method="POST"),
    "cooperation:area_create": Entry(UNIT_WRITE, description_kwargs),
    "cooperation:area_edit": Entry(UNIT_WRITE, area_kwargs),
    "cooperation:area_delete": Entry(UNIT_WRITE, area_kwargs, method="POST"),
    "cooperation:role_list": Entry(UNIT_READ, unit_kwargs),
    "cooperation:role_create": Entry(UNIT_WRITE, unit_kwargs),
    "cooperation:role_edit": Entry(UNIT_WRITE, lambda w: {"unit": w.unit.slug, "pk": w.role.pk}),
}
