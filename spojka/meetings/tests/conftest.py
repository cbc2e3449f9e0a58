from __future__ import annotations

import pytest

from spojka.meetings.tests.matrix import build


@pytest.fixture
def mw(world):
    """The test world with this app's objects: a planned LP + group meeting, a held group meeting."""
    build(world)
    return world
