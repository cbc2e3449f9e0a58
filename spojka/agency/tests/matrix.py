"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from spojka.testing.matrix_kinds import AUTHENTICATED, Entry

# Not unit-scoped: the agency admin sees every unit, a consultant the units of their active
# consultant memberships, anybody else is refused.
AGENCY_HOME = {
    "agency_admin": {200},
    "consultant": {200},
    "editor": {403},
    "partner": {403},
    "outsider": {403},
}

ENTRIES = {
    "agency:home": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:export": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
    "agency:my_units": Entry(AUTHENTICATED, overrides=AGENCY_HOME),
}
