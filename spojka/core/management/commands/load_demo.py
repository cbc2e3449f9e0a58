"""Load the demo: Jihlava from the seed document, one fictional municipality and demo accounts.

Safe to run repeatedly: every loader updates rows in place, and existing accounts keep their
passwords. Each app contributes its part through a ``demo.load`` function, in dependency order.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from spojka.accounts.models import Membership, Role, User
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
]

DEMO_PASSWORD = "demo"
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
                    user=user, unit=context[unit_key], defaults={"role": role}
                )
