"""This app's URLs in the URL × role matrix (see spojka/core/tests/test_matrix.py)."""

from __future__ import annotations

ENTRIES: dict = {}


def build(world) -> None:
    """Add the objects this app's URLs need to the test world."""
