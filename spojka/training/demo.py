"""Demo data of this app; idempotent (see spojka/core/management/commands/load_demo.py)."""

from __future__ import annotations


def load(*, context: dict) -> dict:
    return {}
