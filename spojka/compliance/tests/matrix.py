"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from datetime import date

from spojka.compliance.models import Activity, EvidenceLink, Rule, RuleKind
from spojka.testing.matrix_kinds import AUTHENTICATED, UNIT_READ, UNIT_WRITE, Entry, unit_kwargs

# The agency overview is not unit-scoped: the agency admin sees every unit, a consultant the units
# assigned to them, anybody else is refused.
AGENCY_OVERVIEW = {
    "agency_admin": {200},
    "consultant": {200},
    "editor": {403},
    "partner": {403},
    "outsider": {403},
}


def build(world) -> None:
    """Add the objects this app's URLs need to the test world."""
    from spojka.documents.models import Document

    world.activity = Activity.objects.create(
        unit=world.unit,
        description=world.description,
        order=1,
        name="Vyhodnocení spolupráce",
        outputs=["coop_report"],
    )
    world.rule = Rule.objects.create(
        unit=world.unit,
        activity=world.activity,
        kind=RuleKind.PERIODIC_OUTPUT,
        text="1x ročně zpráva o plnění popisu spolupráce",
        per_year=1,
        document_type="coop_report",
    )
    world.report = Document.objects.create(
        unit=world.unit, doc_type="coop_report", title="Zpráva o plnění 2022", issued_on=date(2022, 11, 20)
    )
    world.evidence_link = EvidenceLink.objects.create(
        unit=world.unit,
        rule=world.rule,
        document=world.report,
        included=False,
    )


def _activity(w) -> dict:
    return {"unit": w.unit.slug, "activity": w.activity.pk}


def _rule(w) -> dict:
    return {"unit": w.unit.slug, "pk": w.rule.pk}


ENTRIES = {
    "compliance:dashboard": Entry(UNIT_READ, unit_kwargs),
    "compliance:activity_create": Entry(
        UNIT_WRITE, lambda w: {"unit": w.unit.slug, "description": w.description.pk}
    ),
    "compliance:activity_edit": Entry(UNIT_WRITE, lambda w: {"unit": w.unit.slug, "pk": w.activity.pk}),
    "compliance:rule_create": Entry(UNIT_WRITE, _activity),
    "compliance:rule_detail": Entry(UNIT_READ, _rule),
    "compliance:rule_edit": Entry(UNIT_WRITE, _rule),
    "compliance:rule_delete": Entry(UNIT_WRITE, _rule, method="POST"),
    "compliance:evidence_add": Entry(
        UNIT_WRITE, _rule, method="POST", data=lambda w: {"item": f"document:{w.report.pk}", "included": "1"}
    ),
    "compliance:evidence_reset": Entry(
        UNIT_WRITE, lambda w: {**_rule(w), "link": w.evidence_link.pk}, method="POST"
    ),
    "compliance:description_renew": Entry(
        UNIT_WRITE, lambda w: {"unit": w.unit.slug, "pk": w.description.pk}
    ),
    "compliance:overview": Entry(AUTHENTICATED, overrides=AGENCY_OVERVIEW),
    "compliance:overview_export": Entry(AUTHENTICATED, overrides=AGENCY_OVERVIEW),
}
