"""EvidenceLink: real foreign keys, exactly one item, and the migration from the generic relation."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from spojka.compliance import services
from spojka.compliance.models import EvidenceLink
from spojka.compliance.tests.helpers import activity, document, meeting, output_rule, season_rule
from spojka.compliance.tests.test_services import status_of
from spojka.training.models import TrainingEvent


def _targets(compliance: str) -> list[tuple[str, str]]:
    """Every app at its newest migration, except compliance at ``compliance``."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [(app, compliance if app == "compliance" else name) for app, name in leaves]


class TestConstraint:
    def test_a_link_names_exactly_one_item(self, world):
        rule = season_rule(activity(world.description), "autumn", 2022)
        report = document(world.unit, "psz", date(2022, 10, 1))
        held = meeting(world.unit, date(2022, 10, 2))

        with pytest.raises(IntegrityError), transaction.atomic():
            EvidenceLink.objects.create(unit=world.unit, rule=rule)
        with pytest.raises(IntegrityError), transaction.atomic():
            EvidenceLink.objects.create(unit=world.unit, rule=rule, document=report, meeting=held)
        EvidenceLink.objects.create(unit=world.unit, rule=rule, document=report)
        with pytest.raises(IntegrityError), transaction.atomic():
            EvidenceLink.objects.create(unit=world.unit, rule=rule, document=report, included=False)

    def test_deleting_the_item_deletes_its_link_instead_of_leaving_it_pointing_nowhere(self, world):
        rule = season_rule(activity(world.description), "autumn", 2022)
        held = meeting(world.unit, date(2022, 10, 2))
        services.evidence_set(rule=rule, kind="meeting", object_id=held.pk, included=True)

        held.delete()

        assert not EvidenceLink.objects.exists()
        assert status_of(world.description, rule, today=date(2023, 1, 1)).periods[0].evidence == []


class TestLinkedItems:
    def test_a_linked_training_event_evidences_a_deadline(self, world):
        rule = season_rule(activity(world.description), "autumn", 2022, doc_type="presentation")
        event = TrainingEvent.objects.create(
            unit=world.unit, title="Seminář o dluzích", starts_on=date(2022, 9, 1)
        )

        services.evidence_set(rule=rule, kind="training", object_id=event.pk, included=True)
        rs = status_of(world.description, rule, today=date(2023, 1, 1))

        assert [(e.kind, e.id, e.manual) for e in rs.periods[0].evidence] == [("training", event.pk, True)]
        assert rs.status == "met"

    def test_a_linked_meeting_outside_the_validity_is_listed_not_skipped(self, world):
        rule = season_rule(activity(world.description), "autumn", 2022)
        late = meeting(world.unit, date(2024, 3, 1))

        services.evidence_set(rule=rule, kind="meeting", object_id=late.pk, included=True)
        rs = status_of(world.description, rule, today=date(2024, 4, 1))

        assert [e.id for e in rs.periods[0].evidence] == [late.pk]
        assert rs.status == "met_late"

    def test_an_undated_document_is_refused_with_a_reason(self, world):
        rule = output_rule(activity(world.description))
        undated = document(world.unit, "coop_report", None)

        with pytest.raises(ValidationError) as caught:
            services.evidence_set(rule=rule, kind="document", object_id=undated.pk, included=True)

        assert "datum vydání" in caught.value.message_dict["item"][0]


@pytest.mark.django_db(transaction=True)
class TestMigration:
    """The generic links become foreign keys; a link to a deleted item is dropped, not kept dangling."""

    def _migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def test_generic_links_move_to_their_foreign_keys(self):
        old = self._migrate(_targets("0002_unit_status"))
        try:
            unit = old.get_model("cooperation", "TerritorialUnit").objects.create(
                name="Obec", slug="obec", ico="00286010", seat_address="Náměstí 1", region="vysocina"
            )
            description = old.get_model("cooperation", "CooperationDescription").objects.create(unit=unit)
            act = old.get_model("compliance", "Activity").objects.create(
                unit=unit, description=description, name="A"
            )
            rule = old.get_model("compliance", "Rule").objects.create(
                unit=unit, activity=act, kind="deadline", text="R"
            )
            content_types = old.get_model("contenttypes", "ContentType").objects
            meeting_type, _ = content_types.get_or_create(app_label="meetings", model="meeting")
            document_type, _ = content_types.get_or_create(app_label="documents", model="document")
            Meeting = old.get_model("meetings", "Meeting")
            held = Meeting.objects.create(
                unit=unit,
                title="LP",
                kind="lp_plenary",
                starts_at="2022-03-01T10:00Z",
                ends_at="2022-03-01T12:00Z",
            )
            gone = Meeting.objects.create(
                unit=unit,
                title="Zrušené",
                kind="lp_plenary",
                starts_at="2022-04-01T10:00Z",
                ends_at="2022-04-01T12:00Z",
            )
            doc = old.get_model("documents", "Document").objects.create(
                unit=unit, doc_type="psz", title="PSZ"
            )
            Link = old.get_model("compliance", "EvidenceLink")
            for content_type, object_id, included in (
                (meeting_type, held.pk, True),
                (document_type, doc.pk, False),
                (meeting_type, gone.pk, True),
            ):
                Link.objects.create(
                    unit=unit, rule=rule, content_type=content_type, object_id=object_id, included=included
                )
            gone.delete()  # the generic relation could not stop this

            new = self._migrate(_targets("0005_evidencelink_constraints"))

            rows = set(
                new.get_model("compliance", "EvidenceLink").objects.values_list(
                    "meeting_id", "document_id", "training_id", "included"
                )
            )
            assert rows == {(held.pk, None, None, True), (None, doc.pk, None, False)}
        finally:
            self._migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
