"""Who may grant what: the role × action table the access pages enforce.

The unit's role comes from ``spojka.cooperation.tenancy`` (the agency admin holds every unit as
``Role.AGENCY_ADMIN``). Agency-wide actions (accounts, consultants) belong to the agency admin only.
"""

from __future__ import annotations

from spojka.accounts.models import Membership, Role

# The roles each unit role may give (by invitation or by changing a membership) and take away.
GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.AGENCY_ADMIN: frozenset({Role.CONSULTANT, Role.EDITOR, Role.PARTNER}),
    Role.CONSULTANT: frozenset({Role.EDITOR, Role.PARTNER}),
    Role.EDITOR: frozenset({Role.EDITOR, Role.PARTNER}),
    Role.PARTNER: frozenset(),
}

# The table of the closing note, checked by a test against the views: action → roles allowed.
ACTIONS: dict[str, frozenset[Role]] = {
    "see the unit's Přístupy page": frozenset({Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR}),
    "invite a partner": frozenset({Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR}),
    "invite an editor": frozenset({Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR}),
    "assign a consultant": frozenset({Role.AGENCY_ADMIN}),
    "change a partner's or editor's role, end their access": frozenset(
        {Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR}
    ),
    "change or end a consultant's access": frozenset({Role.AGENCY_ADMIN}),
    "resend or revoke an invitation": frozenset({Role.AGENCY_ADMIN, Role.CONSULTANT, Role.EDITOR}),
    "create an agency account (invite an agency admin)": frozenset({Role.AGENCY_ADMIN}),
    "list and filter all users and memberships": frozenset({Role.AGENCY_ADMIN}),
    "deactivate or reactivate a user": frozenset({Role.AGENCY_ADMIN}),
}


def grantable_roles(role: Role) -> list[Role]:
    """Roles ``role`` may give, strongest first (the order of the form's choices)."""
    return [r for r in (Role.CONSULTANT, Role.EDITOR, Role.PARTNER) if r in GRANTABLE[role]]


def may_grant(role: Role, granted: str) -> bool:
    return granted in GRANTABLE[role]


def may_manage(role: Role, membership: Membership) -> bool:
    """Whether ``role`` may change or end ``membership`` (of a unit it holds)."""
    return may_grant(role, membership.role)
