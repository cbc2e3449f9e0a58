from __future__ import annotations

from spojka.testing.matrix_kinds import AUTHENTICATED, PUBLIC, Entry

ENTRIES = {
    # A signed-in user is sent on from the login page.
    "accounts:login": Entry(
        PUBLIC, overrides={p: {302} for p in ("agency_admin", "consultant", "editor", "partner", "outsider")}
    ),
    "accounts:logout": Entry(
        PUBLIC,
        method="POST",
        overrides={
            p: {302} for p in ("anonymous", "agency_admin", "consultant", "editor", "partner", "outsider")
        },
    ),
    "accounts:password_change": Entry(
        AUTHENTICATED,
        overrides={p: {200} for p in ("agency_admin", "consultant", "editor", "partner", "outsider")},
    ),
    "accounts:password_change_done": Entry(
        AUTHENTICATED,
        overrides={p: {200} for p in ("agency_admin", "consultant", "editor", "partner", "outsider")},
    ),
}

# Password reset: open to everyone (a signed-in user may reset too); a bad link renders its own page.
ENTRIES |= {
    "accounts:password_reset": Entry(PUBLIC),
    "accounts:password_reset_done": Entry(PUBLIC),
    "accounts:password_reset_confirm": Entry(PUBLIC, lambda w: {"uidb64": "MQ", "token": "neplatny-odkaz"}),
    "accounts:password_reset_complete": Entry(PUBLIC),
}
