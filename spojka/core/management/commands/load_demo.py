"""Load the demo: Jihlava from the seed document, one fictional municipality and demo accounts.

Safe to run repeatedly: every loader updates rows in place, and existing accounts keep their
passwords. Each app contributes its part through a ``demo.load`` function, in dependency order.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.db import transaction

from spojka.accounts.models import Invitation, Membership, Role, User
from spojka.agency import demo as agency_demo
from spojka.compliance import demo as compliance_demo
from spojka.cooperation import demo as cooperation_demo
from spojka.documents import demo as documents_demo
from spojka.importer import demo as importer_demo
from spojka.meetings import demo as meetings_demo
from spojka.partnership import demo as partnership_demo
from spojka.plans import demo as plans_demo
from spojka.training import demo as training_demo

# Apps that contribute demo data, in the order they depend on each other.
DEMO_MODULES = [
    cooperation_demo,
    partnership_demo,
    meetings_demo,
    training_demo,
    plans_demo,
    documents_demo,
    compliance_demo,
    importer_demo,
    agency_demo,
]

DEMO_PASSWORD = "demo"
ACCESS_SINCE = date(2021, 11, 2)  # the memorandum with Jihlava
FORMER_ENDED = date(2025, 6, 30)
PENDING_EMAIL = "nova.partnerka@example.org"
DEMO_ACCOUNTS = [
    # username, full name, unit key, role
    ("agentura", "Alena Centrální", None, Role.AGENCY_ADMIN),
    ("konzultant", "Petra Ukázková", "jihlava", Role.CONSULTANT),
    ("jihlava", "Jan Editor", "jihlava", Role.EDITOR),
    ("partner", "Pavla Partnerská", "jihlava", Role.PARTNER),
    ("jinde", "Jiří Odjinud", "other", Role.EDITOR),
]


class Command(BaseCommand):
    help = "Nahraje ukázková data (Jihlava podle popisu spolupráce) a ukázkové účty s heslem „demo“."

    def handle(self, *args, **options):
        with transaction.atomic():
            context: dict = {}
            for module in DEMO_MODULES:
                context.update(module.load(context=context) or {})
            self._accounts(context)
        self.stdout.write(self.style.SUCCESS("Ukázková data jsou nahrána."))
        self.stdout.write("Ukázkové účty (heslo „demo“):")
        for username, name, _unit, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<11} {Role(role).label} – {name}")

    def _accounts(self, context: dict) -> None:
        for username, full_name, unit_key, role in DEMO_ACCOUNTS:
            first, last = full_name.split(" ", 1)
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            if role == Role.AGENCY_ADMIN:
                user.is_agency_admin = user.is_staff = user.is_superuser = True
            user.save()
            if unit_key:
                Membership.objects.update_or_create(
                    user=user,
                    unit=context[unit_key],
                    defaults={"role": role, "valid_from": ACCESS_SINCE, "ends_on": None},
                )
        # The demo consultant consults two units: the agency home and "Moje celky" show both.
        Membership.objects.update_or_create(
            user=User.objects.get(username="konzultant"),
            unit=context["other"],
            defaults={"role": Role.CONSULTANT, "valid_from": ACCESS_SINCE, "ends_on": None},
        )
        self._access_flows(context)

    def _access_flows(self, context: dict) -> None:
        """A former member of Jihlava and a pending invitation, for the Přístupy page."""
        jihlava, inviter = context["jihlava"], User.objects.get(username="jihlava")
        former, created = User.objects.get_or_create(
            username="byvaly",
            defaults={"first_name": "Bohumil", "last_name": "Bývalý", "email": "byvaly@example.org"},
        )
        if created:
            former.set_password(DEMO_PASSWORD)
            former.save()
        Membership.objects.update_or_create(
            user=former,
            unit=jihlava,
            defaults={
                "role": Role.PARTNER,
                "valid_from": ACCESS_SINCE,
                "ends_on": FORMER_ENDED,
                "invited_by": inviter,
            },
        )
        invitation = Invitation.objects.filter(
            unit=jihlava, email=PENDING_EMAIL, accepted_at__isnull=True
        ).first()
        if invitation is None:
            invitation = Invitation(unit=jihlava, email=PENDING_EMAIL, role=Role.PARTNER, invited_by=inviter)
        elif invitation.state == Invitation.State.PENDING:
            return
        # Nobody knows this link (the demo sends no mail); "poslat znovu" on the page makes one.
        invitation.new_token()
        invitation.revoked_at = None
        invitation.save()
