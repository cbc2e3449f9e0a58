from __future__ import annotations

from django.core.mail import EmailMessage

from spojka.lib.mail import queue
from spojka.testing.matrix_kinds import (
    AGENCY_ADMIN_ONLY,
    AUTHENTICATED,
    PUBLIC,
    UNIT_READ,
    Entry,
    unit_kwargs,
)


def build(world) -> None:
    """One queued e-mail for the agency outbox."""
    world.outbox_email = queue(EmailMessage("Pozvánka: Jednání LP", "Dobrý den,", to=["marie@example.org"]))


ENTRIES = {
    "core:home": Entry(AUTHENTICATED),
    "core:switch_unit": Entry(AUTHENTICATED),
    "core:healthz": Entry(PUBLIC),
    "core:favicon": Entry(PUBLIC),
    "core:accessibility": Entry(PUBLIC),
    "core:unit_history": Entry(UNIT_READ, unit_kwargs),
    "core:search": Entry(UNIT_READ, unit_kwargs),
    "core:unit_history_export": Entry(UNIT_READ, unit_kwargs),
    "core:outbox": Entry(AGENCY_ADMIN_ONLY),
    "core:outbox_message": Entry(AGENCY_ADMIN_ONLY, lambda w: {"pk": w.outbox_email.pk}),
    "set_language": Entry(
        PUBLIC,
        method="POST",
        data=lambda w: {"language": "en"},
        overrides={
            p: {302} for p in ("anonymous", "agency_admin", "consultant", "editor", "partner", "outsider")
        },
    ),
    # Only the agency admin gets the admin site; everyone else is sent to its login page.
    "admin:index": Entry(
        AUTHENTICATED,
        overrides={
            "agency_admin": {200},
            "consultant": {302},
            "editor": {302},
            "partner": {302},
            "outsider": {302},
        },
    ),
}
