"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

from pathlib import Path

from spojka.testing.matrix_kinds import AGENCY_ADMIN_ONLY, Entry

SEED = Path(__file__).parent / "fixtures" / "jihlava.txt"

ENTRIES = {
    "importer:upload": Entry(AGENCY_ADMIN_ONLY),
    "importer:review": Entry(AGENCY_ADMIN_ONLY, lambda w: {"pk": w.import_draft.pk}),
}


def build(world) -> None:
    """An uploaded copy of the seed, waiting for review."""
    from spojka.importer.models import ImportDraft

    world.import_draft = ImportDraft.objects.create(
        uploaded_by=world.users["agency_admin"], filename="jihlava.txt", text=SEED.read_text(encoding="utf-8")
    )
