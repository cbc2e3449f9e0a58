"""Demo data of this app: the seed document uploaded and waiting for review.

The agency admin ("agentura") finds it on the import page and can walk through the review; it
matches Jihlava by IČO, so confirming it adds a new draft version of Jihlava's description.
Idempotent: the draft is found by its file name, confirmed or not.
"""

from __future__ import annotations

from pathlib import Path

from spojka.importer.models import ImportDraft
from spojka.lib.upsert import upsert

SEED = Path(__file__).parent / "tests" / "fixtures" / "jihlava.txt"
DEMO_FILENAME = "popis-spoluprace-jihlava.txt"


def load(*, context: dict) -> dict:
    draft, _created = upsert(
        ImportDraft,
        lookup={"filename": DEMO_FILENAME, "uploaded_by": None},
        values={"text": SEED.read_text(encoding="utf-8")},
    )
    return {"import_draft": draft}
