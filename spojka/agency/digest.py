"""The agency's weekly digest: one e-mail per consultant (their units) and per agency admin (all units).

Each digest lists, per unit:

* cooperations ending within 90 days (those within 30 days said so);
* rules newly failing since the recipient's previous digest (unmet or at risk now);
* plans awaiting the council's approval, or the agency's statement once approved.

An ended cooperation gets no items but one: the prompt to renew it (only in the first year after it
ended; a cooperation that ended years ago says nothing). Every item links to its page with the
configured site address (``lib.urls.absolute_url``).

Safe to rerun: an ``AgencyDigest`` row per address and week is written in the same transaction as
the e-mail is queued in the outbox (``lib.mail.remind_once``). Users without an e-mail address get
nothing; the agency home lists them for the admin.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _

from spojka.accounts.models import Membership, Role, User
from spojka.agency.facts import PlanState, State, UnitFacts, unit_facts
from spojka.agency.models import AgencyDigest
from spojka.compliance import stored
from spojka.compliance.summary import schedule_summary
from spojka.cooperation.models import TerritorialUnit
from spojka.lib.czech import date_short
from spojka.lib.mail import remind_once
from spojka.lib.urls import absolute_url

SOON_DAYS = 30
RENEWAL_PROMPT_DAYS = 365


@dataclass
class Line:
    text: str
    url: str


@dataclass
class UnitDigest:
    unit: TerritorialUnit
    ending: list[Line] = field(default_factory=list)
    failing: dict[int, Line] = field(default_factory=dict)  # rule id → line
    plans: list[Line] = field(default_factory=list)
    renewal: list[Line] = field(default_factory=list)


def _unit_digest(f: UnitFacts, failing: dict[int, Line], today: date) -> UnitDigest:
    unit = f.unit
    digest = UnitDigest(unit=unit)
    dashboard = absolute_url(reverse("compliance:dashboard", kwargs={"unit": unit.slug}))
    if f.state == State.ENDED:
        ended = f.valid_to
        if ended is not None and (today - ended).days <= RENEWAL_PROMPT_DAYS:
            digest.renewal.append(
                Line(
                    _("Spolupráce skončila dne %(date)s: připravte navazující popis spolupráce.")
                    % {"date": date_short(ended)},
                    absolute_url(reverse("cooperation:description_list", kwargs={"unit": unit.slug})),
                )
            )
        return digest  # nothing else for an ended cooperation
    if f.state == State.ENDING:
        soon = f.days_left is not None and f.days_left <= SOON_DAYS
        text = _("Platnost popisu spolupráce končí %(date)s (za %(days)s dní).") % {
            "date": date_short(f.valid_to),
            "days": f.days_left,
        }
        digest.ending.append(Line(("⚠ " if soon else "") + text, dashboard))
    digest.failing = failing
    if f.plan is not None and f.plan_state == PlanState.DRAFT:
        digest.plans.append(
            Line(
                _("Plán „%(plan)s“ čeká na schválení zastupitelstvem.") % {"plan": f.plan.title},
                absolute_url(f.plan.get_absolute_url()),
            )
        )
    elif f.plan is not None and f.plan_state == PlanState.APPROVED and f.statement_on is None:
        digest.plans.append(
            Line(
                _("Plán „%(plan)s“ čeká na stanovisko agentury.") % {"plan": f.plan.title},
                absolute_url(reverse("agency:unit_record", kwargs={"unit": unit.slug})),
            )
        )
    return digest


def _failing_rules(
    units: list[TerritorialUnit], facts: list[UnitFacts], today: date
) -> dict[int, dict[int, Line]]:
    """Failing rules now of each unit with a current description (through the statuses' cache)."""
    descriptions = [f.description for f in facts if f.state in (State.VALID, State.ENDING)]
    by_pk = {u.pk: u for u in units}
    for d in descriptions:
        d.unit = by_pk[d.unit_id]
    statuses = stored.statuses_for(descriptions, today)
    result: dict[int, dict[int, Line]] = defaultdict(dict)
    for d in descriptions:
        for item in schedule_summary(statuses.get(d.pk, []), today).failing:
            url = absolute_url(
                reverse("compliance:rule_detail", kwargs={"unit": d.unit.slug, "pk": item.rule.rule.pk})
            )
            text = f"{item.activity}: {item.rule.rule.text} – {item.status.label}"
            result[d.unit_id][item.rule.rule.pk] = Line(text, url)
    return result


def digests(today: date) -> dict[int, UnitDigest]:
    units = list(TerritorialUnit.objects.order_by("name", "pk"))
    facts = unit_facts(units, today)
    failing = _failing_rules(units, facts, today)
    return {f.unit.pk: _unit_digest(f, failing.get(f.unit.pk, {}), today) for f in facts}


def _body(units: list[UnitDigest], previous: set[int]) -> tuple[str, int, list[int]]:
    lines = [_("Dobrý den,"), "", _("týdenní přehled agentury za vaše územní celky:"), ""]
    count = 0
    now_failing: list[int] = []
    for d in units:
        new_failing = [line for pk, line in d.failing.items() if pk not in previous]
        now_failing.extend(d.failing)
        sections = (
            (_("Končí platnost"), d.ending),
            (_("Nově neplněná pravidla"), new_failing),
            (_("Plány"), d.plans),
            (_("Obnovení spolupráce"), d.renewal),
        )
        if not any(items for _title, items in sections):
            continue
        lines.append(f"== {d.unit.name} ==")
        for title, items in sections:
            if items:
                lines.append(f"{title}:")
                for item in items:
                    lines.append(f"  - {item.text}")
                    lines.append(f"    {item.url}")
                    count += 1
        lines.append("")
    lines.append(_("Tento přehled Spojka posílá jednou týdně."))
    return "\n".join(lines), count, now_failing


def _recipients() -> dict[str, tuple[User, set[int] | None]]:
    """address → (user, their unit ids; None for an agency admin, who gets every unit)."""
    recipients: dict[str, tuple[User, set[int] | None]] = {}
    for user in User.objects.filter(is_active=True, is_agency_admin=True).exclude(email=""):
        recipients[user.email.strip().lower()] = (user, None)
    consulted: dict[str, tuple[User, set[int]]] = {}
    for m in (
        Membership.objects.active()
        .filter(role=Role.CONSULTANT, user__is_active=True, user__is_agency_admin=False)
        .exclude(user__email="")
        .select_related("user")
    ):
        email = m.user.email.strip().lower()
        consulted.setdefault(email, (m.user, set()))[1].add(m.unit_id)
    for email, value in consulted.items():
        recipients.setdefault(email, value)
    return recipients


def send_agency_digests(*, today: date) -> tuple[int, int]:
    """Send this week's digests; returns (sent, skipped: already sent this week or nothing to say)."""
    week = today - timedelta(days=today.weekday())
    by_unit = digests(today)
    previous: dict[str, set[int]] = {}
    for email, failing in (
        AgencyDigest.objects.filter(week__lt=week).order_by("week").values_list("email", "failing")
    ):
        previous[email] = set(failing)  # the latest earlier digest wins
    sent = skipped = 0
    for email, (user, unit_ids) in sorted(_recipients().items()):
        units = [d for pk, d in by_unit.items() if unit_ids is None or pk in unit_ids]
        body, count, now_failing = _body(units, previous.get(email, set()))
        if not count:
            skipped += 1
            continue
        message = EmailMessage(
            subject=_("Spojka: týdenní přehled agentury %(date)s") % {"date": date_short(week)},
            body=body,
            to=[email],
        )

        def record(email=email, user=user, count=count, now_failing=now_failing) -> None:
            AgencyDigest.objects.create(email=email, week=week, user=user, items=count, failing=now_failing)

        if remind_once(record, message):
            sent += 1
        else:
            skipped += 1
    return sent, skipped
